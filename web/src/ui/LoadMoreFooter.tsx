import { Button } from "./Button.tsx";

/** What the footer needs of a keyset list (useKeysetPages). */
type KeysetList = {
  loaded: boolean;
  phase: "loading" | "ready" | "more";
  nextCursor: string | null;
  loadMore(): Promise<void> | void;
};

/**
 * The foot of a keyset-paged table: how many rows are shown (announced politely, and left
 * out while the rows are replaced or when there are none: the empty state says so) and the
 * "Load more" button while there is a next page.
 */
export function LoadMoreFooter({
  list,
  shown,
  showingText,
  loadMoreText,
}: {
  list: KeysetList;
  shown: number;
  showingText: string;
  loadMoreText: string;
}) {
  return (
    <div className="list-footer">
      <p className="muted small" aria-live="polite">
        {list.loaded && list.phase !== "loading" && shown > 0 ? showingText : ""}
      </p>
      {list.loaded && list.nextCursor ? (
        <Button variant="secondary" busy={list.phase === "more"} onClick={() => void list.loadMore()}>
          {loadMoreText}
        </Button>
      ) : null}
    </div>
  );
}
