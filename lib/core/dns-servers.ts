/** DNS servers from `DNS_SERVER` ("127.0.0.1:5353", comma-separated); the system's otherwise. */
export function configuredDnsServers(value = process.env.DNS_SERVER): string[] {
  return (value ?? "")
    .split(",")
    .map((server) => server.trim())
    .filter(Boolean);
}
