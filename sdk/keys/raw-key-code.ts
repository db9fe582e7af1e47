/**
 * The raw key code of a DOM key event. TV boxes identify remote keys by `keyCode` (or only `which`, on
 * old middleware); the W3C deprecation of both does not apply to them, so this is the one place that
 * reads them.
 */
export function rawKeyCode(event: KeyboardEvent): number {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the platforms' only key identity
  return event.keyCode || event.which || 0;
}
