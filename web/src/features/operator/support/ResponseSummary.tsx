import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { ResponseTarget } from "../../../../../contracts/support.ts";
import { currentLocale, htmlLang } from "../../../lib/i18n.ts";
import type { TicketStatus } from "./api.ts";
import { formatDuration, responseState } from "./response-time.ts";

/** The current time, renewed every `intervalMs`, so "due in" and "overdue" move while a page stays open. */
export function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

type Props = { response: z.infer<typeof ResponseTarget>; status: TicketStatus; now: Date };

/**
 * How the first response stands against the target, in words: "Due in 2 hr",
 * "Overdue by 35 min", "Answered in 1 hr 5 min (target 4 hr)". Overdue and late carry
 * a worded badge, so the flag does not rest on colour.
 */
export function ResponseSummary({ response, status, now }: Props) {
  const { t } = useTranslation();
  const locale = htmlLang(currentLocale());
  const state = responseState(response, status, now);
  const duration = (minutes: number) => formatDuration(minutes, locale);
  switch (state.kind) {
    case "due":
      return <span>{t("operatorSupport.response.dueIn", { duration: duration(state.minutes) })}</span>;
    case "overdue":
      return (
        <span>
          <span className="badge badge-danger">{t("operatorSupport.response.overdue")}</span>{" "}
          <span className="small">{t("operatorSupport.response.overdueBy", { duration: duration(state.minutes) })}</span>
        </span>
      );
    case "answered":
      return (
        <span>
          {state.late && (
            <>
              <span className="badge badge-warning">{t("operatorSupport.response.late")}</span>{" "}
            </>
          )}
          {t("operatorSupport.response.answeredIn", {
            duration: duration(state.minutes),
            target: duration(state.targetMinutes),
          })}
        </span>
      );
    case "unanswered":
      return <span className="muted">{t("operatorSupport.response.unanswered")}</span>;
  }
}
