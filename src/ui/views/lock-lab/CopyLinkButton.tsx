/** Copy a lab URL to the clipboard, saying for two seconds whether it worked. */
import { useEffect, useState } from 'react';
import { copyText } from '../../app/navigation';

export function CopyLinkButton(props: { url: string; label?: string; testId?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(t);
  }, [state]);
  const label = props.label ?? 'Copy link';
  return (
    <button
      type="button"
      onClick={async () => setState((await copyText(props.url)) ? 'copied' : 'failed')}
      title={props.url}
      data-testid={props.testId}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </button>
  );
}
