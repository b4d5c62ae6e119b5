/** A local path to go back to after an action; anything else (another site) becomes `fallback`. */
export function safeLocalPath(value: string | undefined, fallback = '/'): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}
