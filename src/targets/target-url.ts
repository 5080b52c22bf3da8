import {InputError} from '../errors.js'

/** A parsed target URL. `url` has any password replaced, so it is safe to print and store. */
export interface TargetUrl {
  scheme: string
  /** Host:port pairs, in the order given. */
  hosts: Array<{host: string; port: number | null}>
  username: string | null
  password: string | null
  path: string
  params: URLSearchParams
  url: string
}

const REDACTED = '***'

/**
 * Splits `scheme://[user:pass@]h1:p1[,h2:p2…][/path][?query]`. WHATWG URL parsing rejects comma
 * separated host lists, so the authority is taken apart here.
 */
export function parseTargetUrl(text: string): TargetUrl {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?$/i.exec(text.trim())
  if (!match) {
    throw new InputError(`Target "${redactUrl(text)}" is not a URL; use builtin://, redis://host:port or memcached://host:port.`)
  }
  const [, scheme, authority, path, query] = match
  const at = authority.lastIndexOf('@')
  const credentials = at >= 0 ? authority.slice(0, at) : null
  const hostList = at >= 0 ? authority.slice(at + 1) : authority
  let username: string | null = null
  let password: string | null = null
  if (credentials !== null) {
    const colon = credentials.indexOf(':')
    username = decodeURIComponent(colon >= 0 ? credentials.slice(0, colon) : credentials) || null
    password = colon >= 0 ? decodeURIComponent(credentials.slice(colon + 1)) : null
  }
  const hosts = hostList === '' ? [] : hostList.split(',').map((part) => parseHost(part, text))
  const safeAuthority =
    credentials === null ? hostList : `${username ?? ''}${password === null ? '' : `:${REDACTED}`}@${hostList}`
  return {
    scheme: scheme.toLowerCase(),
    hosts,
    username,
    password,
    path,
    params: new URLSearchParams(query ?? ''),
    url: `${scheme.toLowerCase()}://${safeAuthority}${path}${query ? `?${query}` : ''}`,
  }
}

function parseHost(part: string, text: string): {host: string; port: number | null} {
  // A name or IPv4 address of letters, digits, dots, hyphens and underscores, or an IPv6 address
  // in brackets: a space or a slash in a host is a typo, refused here rather than looked up (exit 3).
  const match = /^(\[[0-9A-Za-z:.%_-]+\]|[0-9A-Za-z._-]+)(?::(\d+))?$/.exec(part.trim())
  const port = match?.[2] === undefined ? null : Number(match[2])
  if (!match || (port !== null && (port < 1 || port > 65535))) {
    throw new InputError(`Target "${redactUrl(text)}" has an invalid host "${part}"; write host:port with a port from 1 to 65535.`)
  }
  return {host: match[1].replace(/^\[|\]$/g, ''), port}
}

/** Replaces the password in anything that looks like a URL with credentials. */
export function redactUrl(text: string): string {
  return text.replace(/(\/\/[^:/@\s]*):[^@/\s]*@/g, `$1:${REDACTED}@`)
}
