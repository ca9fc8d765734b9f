import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from "react";

/**
 * A tiny History API router: a handful of routes, some with `:params`
 * (`/accounts/:accountId/users`), so this is all it needs (no nested layouts or loaders).
 */
const NAVIGATE_EVENT = "license-portal:navigate";

function subscribe(onChange: () => void) {
  window.addEventListener("popstate", onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const currentHref = () => window.location.pathname + window.location.search;

export type Location = { pathname: string; search: URLSearchParams; href: string };

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, currentHref);
  const url = new URL(href, window.location.origin);
  return { pathname: url.pathname, search: url.searchParams, href };
}

export function navigate(to: string, { replace = false }: { replace?: boolean } = {}) {
  if (to === currentHref()) return;
  if (replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** The path without a trailing slash ("/" stays "/"). */
export function normalizePath(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
}

export type Params = Record<string, string>;

/**
 * Matches a path against a pattern like `/accounts/:accountId/users`; returns the
 * decoded params, or null. Each `:param` is exactly one non-empty segment.
 */
export function matchPath(pattern: string, pathname: string): Params | null {
  const want = pattern.split("/");
  const have = normalizePath(pathname).split("/");
  if (want.length !== have.length) return null;
  const params: Params = {};
  for (const [index, part] of want.entries()) {
    const segment = have[index] ?? "";
    if (part.startsWith(":")) {
      if (!segment) return null;
      try {
        params[part.slice(1)] = decodeURIComponent(segment);
      } catch {
        return null;
      }
    } else if (part !== segment) {
      return null;
    }
  }
  return params;
}

/** Only same-site paths may be used as a post-sign-in destination ("//evil.example" is not one). */
export function safeNext(next: string | null, fallback = "/"): string {
  return next && /^\/(?![/\\])/.test(next) ? next : fallback;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

export function Link({ to, onClick, children, ...rest }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0;
    if (event.defaultPrevented || modified || rest.target) return;
    event.preventDefault();
    navigate(to);
  }
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
