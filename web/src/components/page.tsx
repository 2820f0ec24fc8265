import { type ReactNode, useEffect } from 'react';

/** A page's title (the document's too, so history and screen readers name it) and its intro. */
export function Page({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Pathwise`;
  }, [title]);
  return (
    <>
      <header className="page-header">
        <h1>{title}</h1>
        {intro ? <p>{intro}</p> : null}
      </header>
      {children}
    </>
  );
}
