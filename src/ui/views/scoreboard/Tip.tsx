/**
 * The scoreboard's tooltips: one floating box for the whole drawer, shown for the element under
 * the pointer or with keyboard focus (a native `title` never shows on focus), placed in the
 * viewport so the table's scrolling box does not clip it, and named by aria-describedby.
 */
import {
  createContext,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';

interface Shown {
  text: string;
  /** The element's box, in viewport px. */
  left: number;
  top: number;
  bottom: number;
}

interface TipApi {
  show(owner: Element, text: string): void;
  hide(owner: Element): void;
}

const TipContext = createContext<TipApi | null>(null);

/** Widest a tooltip gets, CSS px (scoreboard.css agrees). */
const TIP_W = 340;

export function TipProvider({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<Shown | null>(null);
  const id = useId();
  const current = useRef<Element | null>(null);
  const api = useMemo<TipApi>(
    () => ({
      show: (owner, text) => {
        // set on the element itself: which element shows the tip is known only now
        current.current?.removeAttribute('aria-describedby');
        owner.setAttribute('aria-describedby', id);
        current.current = owner;
        const r = owner.getBoundingClientRect();
        setShown({ text, left: r.left, top: r.top, bottom: r.bottom });
      },
      hide: (owner) => {
        if (current.current !== owner) return;
        owner.removeAttribute('aria-describedby');
        current.current = null;
        setShown(null);
      },
    }),
    [id],
  );
  useEffect(() => {
    if (!shown) return;
    // the box was placed for where the element was: a scroll moves the element, not the box
    const drop = () => {
      current.current?.removeAttribute('aria-describedby');
      current.current = null;
      setShown(null);
    };
    window.addEventListener('scroll', drop, true);
    return () => window.removeEventListener('scroll', drop, true);
  }, [shown]);
  const below = shown !== null && shown.bottom + 120 < window.innerHeight;
  return (
    <TipContext.Provider value={api}>
      {children}
      {shown && (
        <div
          id={id}
          role="tooltip"
          className="sb-tooltip"
          style={{
            left: Math.max(8, Math.min(shown.left, window.innerWidth - TIP_W - 8)),
            ...(below ? { top: shown.bottom + 6 } : { bottom: window.innerHeight - shown.top + 6 }),
          }}
        >
          {shown.text}
        </div>
      )}
    </TipContext.Provider>
  );
}

/**
 * Props that give an element the tooltip `text` on hover and on focus. Make the element
 * focusable (a button, or tabIndex 0) so the keyboard reaches it.
 */
export function useTip(): (text: string) => {
  onMouseEnter(e: MouseEvent): void;
  onMouseLeave(e: MouseEvent): void;
  onFocus(e: FocusEvent): void;
  onBlur(e: FocusEvent): void;
  'data-tip': string;
} {
  const api = useContext(TipContext);
  return (text) => ({
    onMouseEnter: (e) => api?.show(e.currentTarget, text),
    onMouseLeave: (e) => api?.hide(e.currentTarget),
    onFocus: (e) => api?.show(e.currentTarget, text),
    onBlur: (e) => api?.hide(e.currentTarget),
    'data-tip': text,
  });
}
