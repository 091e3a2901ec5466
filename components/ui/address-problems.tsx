/** Explains the parts of the page's address that could not be used, instead of an error page. */
export function AddressProblems({ problems, title = "Some settings in the address were ignored:" }: { problems: string[]; title?: string }) {
  if (!problems.length) return null;
  return (
    <div role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
      <p className="font-medium">{title}</p>
      <ul className="list-disc pl-5">
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}
