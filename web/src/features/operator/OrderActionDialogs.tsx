import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useForm } from "../../lib/form.ts";
import { FormAlert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { TextAreaField } from "../members/TextAreaField.tsx";
import { formatMoney, parseMoney, toDecimalString } from "../store/money.ts";
import { type OperatorOrder, storeOperatorApi } from "./store-api.ts";

type Props = { order: OperatorOrder | null; onClose: () => void; onDone: (message: string) => void };

/**
 * Confirm payment of a bank transfer: the amount received (it must be the order's
 * total) and the bank's reference. The order is then paid and provisioned exactly as a
 * card payment would be.
 */
export function ConfirmTransferDialog({ order, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const formId = useId();
  const form = useForm<"amount" | "bankReference">();
  const { setErrors, setAlert } = form;
  const [amount, setAmount] = useState("");
  const [reference, setReference] = useState("");

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the dialog opens for an order.
  useEffect(() => {
    if (!order) return;
    setAmount(toDecimalString(order.total, order.currency));
    setReference("");
    setErrors({});
    setAlert(null);
  }, [order?.id]);

  const onSubmit = form.onSubmit({
    validate: () => ({
      amount: order && parseMoney(amount, order.currency) === null ? "operator.storeOrders.errors.amount" : undefined,
      bankReference: reference.trim() ? undefined : "operator.storeOrders.errors.bankReference",
    }),
    action: async () => {
      if (!order) return;
      await storeOperatorApi.confirmTransfer(order.id, {
        amount: parseMoney(amount, order.currency) ?? 0,
        bankReference: reference.trim(),
      });
      onDone(t("operator.storeOrders.confirmed", { reference: order.reference }));
    },
    onError: (error) => {
      if (error.code !== "AMOUNT_MISMATCH") return false;
      setErrors({ amount: (tt) => tt("store.errors.AMOUNT_MISMATCH") });
      form.focusFirstInvalid();
      return true;
    },
  });
  const close = () => !form.busy && onClose();
  const title = t("operator.storeOrders.confirmTitle");

  return (
    <Dialog
      open={order !== null}
      title={title}
      onClose={close}
      footer={
        <>
          <Button variant="ghost" onClick={close} disabled={form.busy}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" form={formId} busy={form.busy}>
            {t("operator.storeOrders.confirm")}
          </Button>
        </>
      }
    >
      {order && (
        <form id={formId} ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
          <FormAlert message={form.alert} />
          <p>
            {t("operator.storeOrders.confirmBody", {
              reference: order.reference,
              account: order.account.name,
              total: formatMoney(order.total, order.currency),
            })}
          </p>
          <TextField
            label={t("operator.storeOrders.amountReceived", { currency: order.currency })}
            hint={t("operator.storeOrders.amountHint", { total: formatMoney(order.total, order.currency) })}
            value={amount}
            onChange={setAmount}
            error={form.errors.amount}
            inputMode="decimal"
            autoComplete="off"
          />
          <TextField
            label={t("operator.storeOrders.bankReference")}
            hint={t("operator.storeOrders.bankReferenceHint")}
            value={reference}
            onChange={setReference}
            error={form.errors.bankReference}
            maxLength={100}
            autoComplete="off"
          />
        </form>
      )}
    </Dialog>
  );
}

/** Cancel an order that was never paid (e.g. the transfer did not come); nothing was provisioned for it. */
export function CancelOrderDialog({ order, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const formId = useId();
  const form = useForm<"reason">();
  const [reason, setReason] = useState("");
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the dialog opens for an order.
  useEffect(() => {
    setReason("");
    form.setAlert(null);
  }, [order?.id]);
  const onSubmit = form.onSubmit({
    action: async () => {
      if (!order) return;
      await storeOperatorApi.cancel(order.id, reason);
      onDone(t("operator.storeOrders.canceled", { reference: order.reference }));
    },
  });
  const close = () => !form.busy && onClose();
  return (
    <Dialog
      open={order !== null}
      title={t("operator.storeOrders.cancelTitle")}
      onClose={close}
      footer={
        <>
          <Button variant="ghost" onClick={close} disabled={form.busy}>
            {t("operator.storeOrders.keep")}
          </Button>
          <Button type="submit" form={formId} busy={form.busy} variant="danger">
            {t("operator.storeOrders.cancelOrder")}
          </Button>
        </>
      }
    >
      {order && (
        <form id={formId} ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
          <FormAlert message={form.alert} />
          <p>{t("operator.storeOrders.cancelBody", { reference: order.reference, account: order.account.name })}</p>
          <TextAreaField
            label={t("operator.storeOrders.reason")}
            hint={t("operator.storeOrders.reasonHint")}
            value={reason}
            onChange={setReason}
            error={form.errors.reason}
            maxLength={500}
          />
        </form>
      )}
    </Dialog>
  );
}
