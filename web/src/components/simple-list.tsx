// A plain list with antd's look. antd 6.6 deprecates List (its successor Listy is a virtual list
// without item layout), and our lists are short, so a few lines of markup do.
import type { HTMLAttributes, Key, ReactNode } from 'react';
import { Empty, Spin } from 'antd';

type Props<T> = {
  items: readonly T[];
  rowKey: (item: T) => Key;
  renderItem: (item: T) => ReactNode;
  /** Extra attributes per row (test ids, click handlers, classes). */
  itemProps?: (item: T) => HTMLAttributes<HTMLLIElement> & Record<`data-${string}`, string>;
  loading?: boolean;
  empty?: ReactNode;
  size?: 'small' | 'default';
  testId?: string;
};

export function SimpleList<T>({ items, rowKey, renderItem, itemProps, loading, empty, size = 'default', testId }: Props<T>) {
  if (loading) {
    return (
      <div className="simple-list-loading">
        <Spin />
      </div>
    );
  }
  if (items.length === 0) return <>{empty ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}</>;
  return (
    <ul className={`simple-list simple-list-${size}`} data-testid={testId}>
      {items.map((item) => {
        const extra = itemProps?.(item) ?? {};
        return (
          <li key={rowKey(item)} {...extra} className={`simple-list-item ${extra.className ?? ''}`}>
            {renderItem(item)}
          </li>
        );
      })}
    </ul>
  );
}
