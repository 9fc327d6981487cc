"use client";

import { useSyncExternalStore } from "react";

const noChange = () => () => {};
const webAuthnAvailable = () => "PublicKeyCredential" in window;

/** False on the server and in browsers without WebAuthn: passkey buttons appear only where they can work. */
export function useWebAuthn(): boolean {
  return useSyncExternalStore(noChange, webAuthnAvailable, () => false);
}
