/** The tags rules put on a call, as chips. */
export function TagList({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul className="tag-list" data-testid="call-tags" aria-label="Tags">
      {tags.map((t) => (
        <li key={t} className="tag" data-tag={t}>
          #{t}
        </li>
      ))}
    </ul>
  );
}
