export interface ParentOption {
  id: string;
  name: string;
  depth: number;
}

/** The options of a parent select in tree order, indented by depth so the nesting reads in a plain select. */
export function ParentOptions({ options }: { options: ParentOption[] }) {
  return (
    <>
      <option value="">No parent (top level)</option>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {`${"\u00a0\u00a0\u00a0".repeat(o.depth)}${o.name}`}
        </option>
      ))}
    </>
  );
}
