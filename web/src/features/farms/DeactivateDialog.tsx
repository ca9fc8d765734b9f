import type { TFunction } from "i18next";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { formatCount } from "../licensing/format.ts";
import { batches, type FarmView, farmsApi } from "./api.ts";
import { farmErrorMessage, isForbidden } from "./errors.ts";

export type DeactivateOutcome = { deactivated: string[]; alreadyDeactivated: string[]; notDone: number; error: unknown };

type Phase = { step: "confirm" } | { step: "running"; done: number } | { step: "done"; outcome: DeactivateOutcome };

type Props = {
  open: boolean;
  accountId: string;
  /** The selected farms. */
  farms: FarmView[];
  onClose: () => void;
  /** After each batch, so the rows change as it goes. */
  onProgress: (farmIds: string[]) => void;
  onFinished: (outcome: DeactivateOutcome) => void;
  onForbidden: () => void;
};

/**
 * Actions → Deactivate: says how many farms, then deactivates them in batches of up to
 * 500 with a progress bar, then says what happened (deactivated, already deactivated,
 * not done and why).
 */
export function DeactivateDialog({ open, accountId, farms, onClose, onProgress, onFinished, onForbidden }: Props) {
  const { t } = useTranslation();
  const progressId = useId();
  const [phase, setPhase] = useState<Phase>({ step: "confirm" });
  const resultRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (open) setPhase({ step: "confirm" });
  }, [open]);

  useEffect(() => {
    if (phase.step === "done") resultRef.current?.focus();
  }, [phase.step]);

  const total = farms.length;
  const already = farms.filter((farm) => farm.status === "deactivated").length;

  async function run() {
    const outcome: DeactivateOutcome = { deactivated: [], alreadyDeactivated: [], notDone: 0, error: null };
    setPhase({ step: "running", done: 0 });
    let done = 0;
    for (const batch of batches(farms.map((farm) => farm.id))) {
      try {
        const result = await farmsApi.deactivate(accountId, batch);
        outcome.deactivated.push(...result.deactivated);
        outcome.alreadyDeactivated.push(...result.alreadyDeactivated);
        onProgress([...result.deactivated, ...result.alreadyDeactivated]);
        done += batch.length;
        setPhase({ step: "running", done });
      } catch (error) {
        outcome.error = error;
        outcome.notDone = total - done;
        if (isForbidden(error)) onForbidden();
        break;
      }
    }
    setPhase({ step: "done", outcome });
    onFinished(outcome);
  }

  const running = phase.step === "running";
  const close = () => {
    if (!running) onClose();
  };

  return (
    <Dialog
      open={open}
      title={t("farms.deactivate.title")}
      onClose={close}
      footer={
        phase.step === "done" ? (
          <Button onClick={onClose}>{t("common.close")}</Button>
        ) : (
          <>
            <Button variant="ghost" onClick={close} disabled={running}>
              {t("common.cancel")}
            </Button>
            <Button variant="danger" busy={running} disabled={total === 0} onClick={() => void run()}>
              {t("farms.deactivate.confirm")}
            </Button>
          </>
        )
      }
    >
      <div className="stack">
        {phase.step !== "done" && (
          <>
            <p>
              <strong>{t("farms.deactivate.count", { number: formatCount(total) })}</strong>
            </p>
            <p>{t("farms.deactivate.body")}</p>
            {already > 0 && <p className="muted">{t("farms.deactivate.someAlready", { number: formatCount(already) })}</p>}
          </>
        )}
        <div role="status" aria-live="polite">
          {phase.step === "running" && (
            <div className="stack-xs">
              <label className="field-label" htmlFor={progressId}>
                {t("farms.deactivate.progress", { done: formatCount(phase.done), total: formatCount(total) })}
              </label>
              <progress id={progressId} className="progress" max={total} value={phase.done} />
            </div>
          )}
        </div>
        {phase.step === "done" && (
          <div className="stack-xs">
            <p ref={resultRef} tabIndex={-1}>
              <strong>
                {t("farms.deactivate.resultDeactivated", { number: formatCount(phase.outcome.deactivated.length) })}
              </strong>
            </p>
            {phase.outcome.alreadyDeactivated.length > 0 && (
              <p>{t("farms.deactivate.resultAlready", { number: formatCount(phase.outcome.alreadyDeactivated.length) })}</p>
            )}
            {phase.outcome.error ? (
              <Alert title={t("farms.deactivate.resultNotDone", { number: formatCount(phase.outcome.notDone) })}>
                {farmErrorMessage(t, phase.outcome.error)}
              </Alert>
            ) : null}
          </div>
        )}
      </div>
    </Dialog>
  );
}

/** The page's one-line confirmation after Deactivate. */
export function outcomeMessage(t: TFunction, outcome: DeactivateOutcome): string {
  const parts = [t("farms.deactivate.resultDeactivated", { number: formatCount(outcome.deactivated.length) })];
  if (outcome.alreadyDeactivated.length > 0) {
    parts.push(t("farms.deactivate.resultAlready", { number: formatCount(outcome.alreadyDeactivated.length) }));
  }
  if (outcome.error) parts.push(t("farms.deactivate.resultNotDone", { number: formatCount(outcome.notDone) }));
  return parts.join(" ");
}
