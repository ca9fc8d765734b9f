import "../../styles/members.css";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Message } from "../../lib/form.ts";
import { Alert, StatusMessage } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { LoadMoreFooter } from "../../ui/LoadMoreFooter.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { membersApi, type Role, type RosterEntry, type RosterSort, type RosterStatus } from "./api.ts";
import { accountErrorMessage, isAccessProblem } from "./errors.ts";
import { InvitationDialog } from "./InvitationDialog.tsx";
import { InviteDialog } from "./InviteDialog.tsx";
import { MemberDialog } from "./MemberDialog.tsx";
import { UsersFilters } from "./UsersFilters.tsx";
import { UsersTable } from "./UsersTable.tsx";
import { useKeysetPages, useSearchInput } from "./useKeysetPages.ts";

type OpenDialog = "invite" | "member" | "invitation" | null;

/**
 * The Business Account Users list (Account Administrators only): members and open
 * invitations, with search, filters, sorting, Load more, CSV export, Invite Users and
 * the dialogs for one member or one invitation.
 */
export function UsersPage({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const search = useSearchInput();
  const [role, setRole] = useState<Role | "">("");
  const [status, setStatus] = useState<RosterStatus | "">("");
  const [sort, setSort] = useState<RosterSort>("name");
  const filters = { q: search.query, role, status, sort };
  const roster = useKeysetPages(
    (page, signal) => membersApi.roster(accountId, filters, page, signal),
    JSON.stringify([accountId, filters]),
  );
  const [openDialog, setOpenDialog] = useState<OpenDialog>(null);
  const [selected, setSelected] = useState<RosterEntry | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);

  const filtered = Boolean(filters.q || role || status);
  const blocked = isAccessProblem(roster.error);

  function open(entry: RosterEntry) {
    setNotice(null);
    setSelected(entry);
    setOpenDialog(entry.kind === "member" ? "member" : "invitation");
  }

  function done(message: Message, close: boolean) {
    setNotice(() => message);
    if (close) setOpenDialog(null);
    roster.refresh();
  }

  return (
    <>
      <PageHeading
        title={t("users.title")}
        subtitle={t("users.subtitle")}
        actions={
          blocked ? null : (
            <Button
              onClick={() => {
                setNotice(null);
                setOpenDialog("invite");
              }}
              aria-haspopup="dialog"
            >
              {t("users.inviteUsers")}
            </Button>
          )
        }
      >
        {t("users.title")}
      </PageHeading>
      {blocked ? (
        <Alert title={t("users.errors.cannotShow")}>{accountErrorMessage(t, roster.error)}</Alert>
      ) : (
        <section className="card" aria-labelledby="users-list-heading">
          <div className="section-head">
            <h2 id="users-list-heading">{t("users.listHeading")}</h2>
            <a className="btn btn-secondary" href={membersApi.rosterCsvHref(accountId, filters)} download>
              {t("users.exportCsv")}
            </a>
          </div>
          <StatusMessage message={notice && (typeof notice === "function" ? notice(t) : notice)} />
          <UsersFilters
            search={search.text}
            onSearch={search.setText}
            onSearchNow={search.applyNow}
            role={role}
            onRole={setRole}
            status={status}
            onStatus={setStatus}
          />
          {roster.error ? <Alert>{accountErrorMessage(t, roster.error)}</Alert> : null}
          {!roster.loaded && roster.phase === "loading" ? (
            <p className="page-loading">
              <span className="spinner" aria-hidden="true" />
              {t("common.loading")}
            </p>
          ) : null}
          {roster.loaded && roster.items.length === 0 ? (
            <div className="empty-state">
              <p>{filtered ? t("users.emptyFiltered") : t("users.empty")}</p>
            </div>
          ) : null}
          {roster.loaded && roster.items.length > 0 ? (
            <UsersTable items={roster.items} sort={sort} onSort={setSort} onOpen={open} busy={roster.phase !== "ready"} />
          ) : null}
          <LoadMoreFooter
            list={roster}
            shown={roster.items.length}
            showingText={t("users.showing", { shown: roster.items.length })}
            loadMoreText={t("users.loadMore")}
          />
        </section>
      )}
      <InviteDialog
        accountId={accountId}
        open={openDialog === "invite"}
        onClose={(changed) => {
          setOpenDialog(null);
          if (changed) roster.refresh();
        }}
      />
      {selected?.kind === "member" && (
        <MemberDialog
          accountId={accountId}
          entry={selected}
          open={openDialog === "member"}
          onClose={() => setOpenDialog(null)}
          onSaved={(message) => done(message, true)}
        />
      )}
      {selected?.kind === "invitation" && (
        <InvitationDialog
          accountId={accountId}
          entry={selected}
          open={openDialog === "invitation"}
          onClose={() => setOpenDialog(null)}
          onChanged={done}
        />
      )}
    </>
  );
}
