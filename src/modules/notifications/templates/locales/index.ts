import type { Locale } from "../../../../../contracts/identity.ts";
import { de } from "./de.ts";
import { type EmailMessages, en } from "./en.ts";
import { es } from "./es.ts";
import { fr } from "./fr.ts";
import { it } from "./it.ts";
import { ja } from "./ja.ts";
import { ru } from "./ru.ts";
import { zh } from "./zh.ts";

export type { EmailMessages };

/** Email copy for every supported locale; a new entry in SUPPORTED_LOCALES fails to compile until it is added here. */
export const EMAIL_MESSAGES: Record<Locale, EmailMessages> = { en, de, fr, es, it, ja, zh, ru };
