import type { ButtonHTMLAttributes } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger";

/** The button look (`.btn` and its variant, in app/globals.css), for a link or a plain form's button. */
export function buttonClass(variant: ButtonVariant = "primary"): string {
  return `btn btn-${variant}`;
}

export function Button({
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button className={className ? `${buttonClass(variant)} ${className}` : buttonClass(variant)} {...props} />;
}
