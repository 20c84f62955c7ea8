/** Shown while a long link is decoded off the main thread (it can take a moment). */
export function OpeningPanel() {
  return (
    <main className="error-page">
      <section className="panel error-panel" role="status" data-testid="opening-link">
        <h1>Opening the link…</h1>
        <p className="muted">
          This link holds a large scenario; it is being unpacked and checked without holding up the
          page.
        </p>
      </section>
    </main>
  );
}
