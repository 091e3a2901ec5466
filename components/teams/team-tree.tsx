"use client";

import Link from "next/link";
import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import { buttonClass } from "@/components/ui/button";
import { cardClass } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";

export interface TeamTreeViewNode {
  id: string;
  name: string;
  isArchived: boolean;
  memberCount: number;
  leads: string[];
  children: TeamTreeViewNode[];
}

interface Visible {
  node: TeamTreeViewNode;
  level: number;
  parentId: string | null;
}

/** Departments and their teams open; deeper levels wait for a click so a large organisation stays readable. */
const OPEN_LEVELS = 2;

function initiallyExpanded(nodes: TeamTreeViewNode[]): Set<string> {
  const out = new Set<string>();
  const visit = (list: TeamTreeViewNode[], level: number) => {
    for (const n of list) {
      if (n.children.length && level < OPEN_LEVELS) out.add(n.id);
      visit(n.children, level + 1);
    }
  };
  visit(nodes, 1);
  return out;
}

function everyParent(nodes: TeamTreeViewNode[]): Set<string> {
  const out = new Set<string>();
  const stack = [...nodes];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.children.length) out.add(n.id);
    stack.push(...n.children);
  }
  return out;
}

/**
 * The team tree as a navigation tree view (WAI-ARIA treeview pattern): one Tab stop, arrow keys to move,
 * Right/Left to open and close, Home/End, typing a letter to jump, and Enter to open the team's page.
 */
export function TeamTree({ nodes, query = "" }: { nodes: TeamTreeViewNode[]; query?: string }) {
  const [expanded, setExpanded] = useState(() => initiallyExpanded(nodes));
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const items = useRef(new Map<string, HTMLAnchorElement>());

  const visible = useMemo(() => {
    const out: Visible[] = [];
    const visit = (list: TeamTreeViewNode[], level: number, parentId: string | null) => {
      for (const node of list) {
        out.push({ node, level, parentId });
        if (expanded.has(node.id)) visit(node.children, level + 1, node.id);
      }
    };
    visit(nodes, 1, null);
    return out;
  }, [nodes, expanded]);

  const tabStopId = visible.some((v) => v.node.id === focusedId) ? focusedId : (visible[0]?.node.id ?? null);

  function moveTo(id: string | null | undefined) {
    if (!id) return;
    setFocusedId(id);
    items.current.get(id)?.focus();
  }

  function toggle(id: string, open: boolean) {
    setExpanded((current) => {
      const next = new Set(current);
      if (open) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const index = visible.findIndex((v) => v.node.id === tabStopId);
    const current = visible[index];
    if (!current) return;
    const { node } = current;
    const isOpen = expanded.has(node.id);
    let handled = true;
    switch (event.key) {
      case "ArrowDown":
        moveTo(visible[index + 1]?.node.id);
        break;
      case "ArrowUp":
        moveTo(visible[index - 1]?.node.id);
        break;
      case "ArrowRight":
        if (node.children.length && !isOpen) toggle(node.id, true);
        else if (isOpen) moveTo(node.children[0]?.id);
        break;
      case "ArrowLeft":
        if (isOpen) toggle(node.id, false);
        else moveTo(current.parentId);
        break;
      case "Home":
        moveTo(visible[0]?.node.id);
        break;
      case "End":
        moveTo(visible[visible.length - 1]?.node.id);
        break;
      default:
        if (event.key.length === 1 && /\S/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
          const letter = event.key.toLocaleLowerCase();
          const order = [...visible.slice(index + 1), ...visible.slice(0, index + 1)];
          moveTo(order.find((v) => v.node.name.toLocaleLowerCase().startsWith(letter))?.node.id);
        } else {
          handled = false;
        }
    }
    if (handled) event.preventDefault();
  }

  function renderLevel(list: TeamTreeViewNode[], level: number) {
    return list.map((node) => {
      const hasChildren = node.children.length > 0;
      const isOpen = hasChildren && expanded.has(node.id);
      const groupId = `team-group-${node.id}`;
      const detailId = `team-detail-${node.id}`;
      return (
        <li key={node.id} role="none" data-testid="team-node">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5 py-1" style={{ paddingLeft: `${(level - 1) * 1.25}rem` }}>
            {hasChildren ? (
              <span
                aria-hidden
                onClick={() => toggle(node.id, !isOpen)}
                className="inline-flex size-5 cursor-pointer select-none items-center justify-center rounded text-slate-700 hover:bg-slate-100"
              >
                {isOpen ? "▾" : "▸"}
              </span>
            ) : (
              <span aria-hidden className="inline-block size-5" />
            )}
            <Link
              ref={(el) => {
                if (el) items.current.set(node.id, el);
                else items.current.delete(node.id);
              }}
              href={`/teams/${node.id}${query}`}
              role="treeitem"
              aria-level={level}
              aria-expanded={hasChildren ? isOpen : undefined}
              aria-owns={isOpen ? groupId : undefined}
              aria-describedby={detailId}
              tabIndex={node.id === tabStopId ? 0 : -1}
              onFocus={() => setFocusedId(node.id)}
              className="rounded px-1 font-medium text-slate-900 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
            >
              {node.name}
            </Link>
            <span id={detailId} className="text-xs text-slate-600">
              {node.isArchived ? <Badge className="mr-1.5">Archived</Badge> : null}
              {node.memberCount} member{node.memberCount === 1 ? "" : "s"}
              {" · "}
              {node.leads.length ? `Lead: ${node.leads.join(", ")}` : "No lead"}
            </span>
          </div>
          {isOpen ? (
            <ul id={groupId} role="group" aria-label={node.name}>
              {renderLevel(node.children, level + 1)}
            </ul>
          ) : null}
        </li>
      );
    });
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <p id="team-tree-help" className="flex-1 text-sm text-slate-700">
          Arrow keys move through the tree, Right and Left open and close a team, Enter opens its page.
        </p>
        <button type="button" className={buttonClass("ghost", "sm")} onClick={() => setExpanded(everyParent(nodes))}>
          Expand all
        </button>
        <button type="button" className={buttonClass("ghost", "sm")} onClick={() => setExpanded(new Set())}>
          Collapse all
        </button>
      </div>
      <ul role="tree" aria-label="Teams" aria-describedby="team-tree-help" onKeyDown={onKeyDown} className={`px-3 py-2 ${cardClass}`}>
        {renderLevel(nodes, 1)}
      </ul>
    </div>
  );
}
