/** Client-side mirrors of the limits in contracts/identity.ts; the server re-checks everything. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
export const NAME_MAX = 100;

export function checkName(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return "validation.nameRequired";
  if (trimmed.length > NAME_MAX) return "validation.nameTooLong";
  return undefined;
}

export function checkEmail(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return "validation.emailRequired";
  if (trimmed.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) return "validation.emailInvalid";
  return undefined;
}

export function checkNewPassword(value: string): string | undefined {
  const length = [...value].length;
  if (length === 0) return "validation.passwordRequired";
  if (length < PASSWORD_MIN || length > PASSWORD_MAX) return "validation.passwordLength";
  return undefined;
}

export function checkRequired(value: string, key = "validation.required"): string | undefined {
  return value.trim() ? undefined : key;
}

export function checkOtp(value: string): string | undefined {
  return /^\d{6}$/.test(value.replace(/\s/g, "")) ? undefined : "validation.codeFormat";
}
