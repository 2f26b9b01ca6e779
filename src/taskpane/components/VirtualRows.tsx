import { makeStyles } from '@fluentui/react-components';
import { useWindowVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type ReactNode } from 'react';

const useStyles = makeStyles({
  list: { position: 'relative', width: '100%' },
  row: { position: 'absolute', top: 0, left: 0, width: '100%', boxSizing: 'border-box' },
});

export interface VirtualRowsProps<T> {
  rows: T[];
  rowKey(row: T): string;
  /** A first guess at a row's height; each row is measured once drawn. */
  estimate(row: T): number;
  render(row: T, index: number): ReactNode;
  /** The key of the row to bring into view when it changes (Next issue, a cell selected in Excel), unless in view already. */
  reveal?: string | null;
  /** Height of anything sticky at the top of the pane, so a row brought into view is not hidden under it. */
  stickyTop?: number;
  gap?: number;
}

/**
 * A row's height without forcing a layout. As each row is drawn the virtualizer asks for its height at once (no
 * entry), and reading offsetHeight then made the browser lay the page out again for every row, each time a row's
 * size moved the scroll position: most of a 250-500 ms freeze when a long list first showed. The first answer is
 * the row's known height or its estimate; the ResizeObserver the virtualizer puts on every row then reports the real
 * one after the browser's own layout, before the frame is painted.
 */
function rowHeight(
  element: Element,
  entry: ResizeObserverEntry | undefined,
  list: Virtualizer<Window, Element>,
): number {
  if (entry) return Math.round(entry.borderBoxSize?.[0]?.blockSize ?? (element as HTMLElement).offsetHeight);
  const index = list.indexFromElement(element);
  return list.itemSizeCache.get(list.options.getItemKey(index)) ?? list.options.estimateSize(index);
}

/**
 * A long list drawn a screenful at a time: only the rows in view (and a few either side) are on the page, however
 * many there are, so 20,000 lines scroll and switch as quickly as twenty. The page itself scrolls.
 */
export function VirtualRows<T>({
  rows,
  rowKey,
  estimate,
  render,
  reveal,
  stickyTop = 0,
  gap = 4,
}: VirtualRowsProps<T>) {
  const styles = useStyles();
  const list = useRef<HTMLDivElement>(null);
  // Null until measured: until the list knows where it starts it cannot know which of its rows are in view, and
  // guessing "at the top of the page" drew a screenful of rows in every list (56 in a council-wide comparison).
  const [margin, setMargin] = useState<number | null>(null);
  // Where the list starts on the page moves when anything above it changes height: measured once laid out, then
  // whenever the page's size changes. Always from the observer, which reports after the browser's own layout:
  // measuring as soon as the list was drawn forced a layout of the whole page, and drew the first rows, in the same
  // task as drawing the view (a 200-300 ms freeze when a 20,000-line check first showed).
  useEffect(() => {
    const measure = () => {
      const top = (list.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
      setMargin((m) => (m === null || Math.abs(top - m) > 0.5 ? top : m));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (i) => estimate(rows[i]),
    getItemKey: (i) => rowKey(rows[i]),
    overscan: 6,
    gap,
    scrollMargin: margin ?? 0,
    scrollPaddingStart: stickyTop + 8,
    measureElement: rowHeight,
  });
  useEffect(() => {
    const index = reveal ? rows.findIndex((r) => rowKey(r) === reveal) : -1;
    if (index < 0) return;
    const item = virtualizer.getVirtualItems().find((v) => v.index === index);
    const viewTop = window.scrollY + stickyTop;
    const viewBottom = window.scrollY + window.innerHeight;
    if (item && item.start >= viewTop && item.end <= viewBottom) return;
    virtualizer.scrollToIndex(index, { align: 'center' });
    // reveal is the request; rows and the virtualizer follow from it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reveal]);
  return (
    <div ref={list} className={styles.list} style={{ height: `${virtualizer.getTotalSize()}px` }}>
      {(margin === null ? [] : virtualizer.getVirtualItems()).map((v) => (
        <div
          key={v.key}
          data-index={v.index}
          ref={virtualizer.measureElement}
          className={styles.row}
          style={{ transform: `translateY(${v.start - (margin ?? 0)}px)` }}
        >
          {render(rows[v.index], v.index)}
        </div>
      ))}
    </div>
  );
}
