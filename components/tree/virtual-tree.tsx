"use client";

import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import type { Row } from "@/lib/tree/model";
import { Card } from "@/components/ui/card";

export const ROW_HEIGHT = 36;
const OVERSCAN = 8;

interface Props {
  rows: Row[];
  label: string;
  height: number;
  focusIndex: number;
  onFocusIndex: (index: number) => void;
  onToggle: (row: Extract<Row, { kind: "node" }>) => void;
  onSelect: (row: Extract<Row, { kind: "node" }>) => void;
  /** The row a key would move to: the parent row for ArrowLeft, etc. */
  parentRowIndex: (index: number) => number;
  renderRow: (row: Row, isFocused: boolean) => ReactNode;
  /** Whether the row is the one shown in the details panel. */
  isSelected: (row: Extract<Row, { kind: "node" }>) => boolean;
}

/**
 * A WAI-ARIA tree that only renders the rows in view (plus a few), so 80,000 nodes cost as much as 30.
 * Keyboard: arrows move and open/close, Home/End jump, Enter or Space selects; the focused row is the one tab stop.
 */
export function VirtualTree({ rows, label, height, focusIndex, onFocusIndex, onToggle, onSelect, parentRowIndex, renderRow, isSelected }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const rowRefs = useRef(new Map<number, HTMLDivElement>());
  const shouldFocus = useRef(false);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  // Keeps the focused row on screen when the keyboard moves it past an edge.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || focusIndex < 0) return;
    const top = focusIndex * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + height) el.scrollTop = top + ROW_HEIGHT - height;
  }, [focusIndex, height]);

  useEffect(() => {
    if (!shouldFocus.current) return;
    shouldFocus.current = false;
    rowRefs.current.get(focusIndex)?.focus({ preventScroll: true });
  });

  function move(index: number) {
    const bounded = Math.max(0, Math.min(rows.length - 1, index));
    let next = bounded;
    // Section headings are not stops: skip over them in the direction of travel.
    const step = index >= focusIndex ? 1 : -1;
    while (rows[next]?.kind === "header" && next + step >= 0 && next + step < rows.length) next += step;
    if (rows[next]?.kind === "header") return;
    shouldFocus.current = true;
    onFocusIndex(next);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const row = rows[focusIndex];
    if (!row || row.kind !== "node") return;
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    switch (event.key) {
      case "ArrowDown":
        move(focusIndex + 1);
        break;
      case "ArrowUp":
        move(focusIndex - 1);
        break;
      case "PageDown":
        move(focusIndex + page);
        break;
      case "PageUp":
        move(focusIndex - page);
        break;
      case "Home":
        move(0);
        break;
      case "End":
        move(rows.length - 1);
        break;
      case "ArrowRight":
        if (row.hasChildren && !row.isExpanded) onToggle(row);
        else if (row.isExpanded) move(focusIndex + 1);
        break;
      case "ArrowLeft":
        if (row.isExpanded) onToggle(row);
        else {
          const parent = parentRowIndex(focusIndex);
          if (parent >= 0) move(parent);
        }
        break;
      case "Enter":
      case " ":
        onSelect(row);
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  const visible: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    const row = rows[index]!;
    const isFocused = index === focusIndex;
    const style = { position: "absolute" as const, top: index * ROW_HEIGHT, height: ROW_HEIGHT, left: 0, right: 0 };
    if (row.kind === "header") {
      visible.push(
        <div key={row.key} role="presentation" style={style} className="flex items-end border-t border-slate-200 px-3 pb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-700">
          {row.label} ({row.count})
        </div>,
      );
      continue;
    }
    visible.push(
      <div
        key={row.key}
        ref={(el) => {
          if (el) rowRefs.current.set(index, el);
          else rowRefs.current.delete(index);
        }}
        role="treeitem"
        aria-level={row.level}
        aria-posinset={row.posInSet}
        aria-setsize={row.setSize}
        aria-expanded={row.hasChildren ? row.isExpanded : undefined}
        aria-selected={isSelected(row)}
        tabIndex={isFocused ? 0 : -1}
        style={style}
        onFocus={() => {
          if (!isFocused) onFocusIndex(index);
        }}
        onClick={() => {
          onFocusIndex(index);
          onSelect(row);
        }}
        className={`flex items-center outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-600 ${isFocused ? "bg-brand-50/60" : "hover:bg-slate-50"}`}
      >
        {renderRow(row, isFocused)}
      </div>,
    );
  }

  return (
    <Card
      ref={scroller}
      role="tree"
      aria-label={label}
      className="relative overflow-auto"
      padded={false}
      style={{ height }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: rows.length * ROW_HEIGHT, position: "relative" }}>{visible}</div>
    </Card>
  );
}
