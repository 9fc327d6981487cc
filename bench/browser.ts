// A browser without JavaScript, for the load and scale benchmarks: a cookie jar, pages fetched as
// HTML, and forms submitted the way a browser submits them when scripts are off. React renders a
// server action's form as `method="POST" encType="multipart/form-data"` with hidden `$ACTION_…`
// fields naming the action (and, for useActionState forms, its previous state); posting every
// field of the form back to the page's URL runs the action and answers with the page rendered with
// the action's result, or with a 303 to where the action redirected.

export type Answer = { status: number; html: string; location: string | null; ms: number; url: string };

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") return String.fromCodePoint(name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return entities[name.toLowerCase()] ?? whole;
  });
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag);
  return match ? decodeEntities(match[1]!) : null;
}

export type ScrapedForm = { html: string; fields: [string, string][] };

/** Every `<form>` of a page, with the fields a browser would send (checked boxes, selected options). */
export function formsOf(html: string): ScrapedForm[] {
  const forms: ScrapedForm[] = [];
  for (const match of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/gi)) {
    const body = match[1]!;
    const fields: [string, string][] = [];
    for (const input of body.matchAll(/<input\b[^>]*>/gi)) {
      const tag = input[0];
      const name = attribute(tag, "name");
      if (!name) continue;
      const type = (attribute(tag, "type") ?? "text").toLowerCase();
      if ((type === "checkbox" || type === "radio") && !/\schecked(=""|\s|\/|>)/i.test(tag)) continue;
      if (type === "submit" || type === "button") continue;
      fields.push([name, attribute(tag, "value") ?? (type === "checkbox" ? "on" : "")]);
    }
    for (const select of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const name = attribute(select[0], "name");
      if (!name) continue;
      const options = [...select[2]!.matchAll(/<option\b[^>]*>/gi)].map((option) => option[0]);
      const chosen = options.find((option) => /\sselected(=""|\s|>)/i.test(option)) ?? options[0];
      fields.push([name, chosen ? (attribute(chosen, "value") ?? "") : ""]);
    }
    for (const area of body.matchAll(/<textarea\b[^>]*>([\s\S]*?)<\/textarea>/gi)) {
      const name = attribute(area[0], "name");
      if (name) fields.push([name, decodeEntities(area[1]!)]);
    }
    forms.push({ html: match[0], fields });
  }
  return forms;
}

/** The form that has a field of this name (and value, when given). */
export function findForm(html: string, field: string, value?: string): ScrapedForm | undefined {
  return formsOf(html).find((form) => form.fields.some(([name, current]) => name === field && (value === undefined || current === value)));
}

/** The value an element with this `data-testid` wraps, as text without tags. */
export function textOf(html: string): string {
  return decodeEntities(html.replace(/<script\b[\s\S]*?<\/script>/gi, "").replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");
}

export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(
    public baseUrl: string,
    private readonly record: (label: string, status: number, ms: number) => void = () => {},
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  hasSession(): boolean {
    return [...this.cookies.keys()].some((name) => name.includes("authjs.session-token"));
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expired = attributes.some((part) => /^\s*max-age=0\s*$/i.test(part) || (/^\s*expires=/i.test(part) && new Date(part.split("=")[1]!).getTime() < Date.now()));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private async send(label: string, path: string, init: RequestInit): Promise<Answer> {
    const url = new URL(path, this.baseUrl).toString();
    const started = performance.now();
    let status = 0;
    let html = "";
    let location: string | null = null;
    try {
      const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: this.cookieHeader }, signal: AbortSignal.timeout(120_000) });
      html = await response.text();
      status = response.status;
      location = response.headers.get("location");
      this.keep(response);
    } catch {}
    const ms = performance.now() - started;
    this.record(label, status, ms);
    return { status, html, location, ms, url };
  }

  get(label: string, path: string): Promise<Answer> {
    return this.send(label, path, { method: "GET" });
  }

  /** Follows redirects the way a browser does, each hop recorded under the same label. */
  async open(label: string, path: string, hops = 5): Promise<Answer> {
    let answer = await this.get(label, path);
    for (let hop = 0; hop < hops && answer.location && answer.status >= 300 && answer.status < 400; hop += 1) answer = await this.get(label, answer.location);
    return answer;
  }

  /** Submits a scraped form back to its page (`action=""`) with some fields replaced. */
  submit(label: string, pagePath: string, form: ScrapedForm, changes: Record<string, string | null> = {}): Promise<Answer> {
    const body = new FormData();
    const replaced = new Set<string>();
    for (const [name, value] of form.fields) {
      if (name in changes) {
        if (replaced.has(name)) continue;
        replaced.add(name);
        const next = changes[name];
        if (next !== null && next !== undefined) body.append(name, next);
      } else body.append(name, value);
    }
    for (const [name, value] of Object.entries(changes)) if (!replaced.has(name) && value !== null) body.append(name, value);
    return this.send(label, pagePath, { method: "POST", body, headers: { origin: new URL(this.baseUrl).origin } });
  }
}
