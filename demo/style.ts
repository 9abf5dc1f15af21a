/** Terminal text: ANSI styles when wanted, and display widths that know emoji take two cells. */

const ESC = '\u001b['

/** Colours and bold for a terminal; off for pipes and files, and when NO_COLOR is set. */
export function wantsColor(
  stream: { isTTY?: boolean } = process.stdout,
  env: NodeJS.ProcessEnv = process.env
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true
  return stream.isTTY === true
}

export interface Styler {
  color: boolean
  bold(s: string): string
  dim(s: string): string
  underline(s: string): string
  red(s: string): string
  green(s: string): string
  yellow(s: string): string
  cyan(s: string): string
  magenta(s: string): string
}

export function styler(color: boolean): Styler {
  const wrap = (codes: string) => (s: string) =>
    color && s !== '' ? `${ESC}${codes}m${s}${ESC}0m` : s
  return {
    color,
    bold: wrap('1'),
    dim: wrap('2'),
    underline: wrap('4'),
    red: wrap('31'),
    green: wrap('32'),
    yellow: wrap('33'),
    cyan: wrap('36'),
    magenta: wrap('35')
  }
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '')
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
}

/** Terminal cells a string takes: emoji and East Asian wide characters 2, marks and joiners 0. */
export function displayWidth(s: string): number {
  let w = 0
  const chars = [...stripAnsi(s)]
  for (const [i, ch] of chars.entries()) {
    const cp = ch.codePointAt(0)!
    if (cp === 0x200d || cp === 0xfe0f || cp === 0xfe0e || /\p{M}/u.test(ch)) continue
    // A pictograph with the emoji variation selector (⚠️) is drawn as an emoji: two cells.
    const asEmoji = /\p{Extended_Pictographic}/u.test(ch) && chars[i + 1] === '\ufe0f'
    w += asEmoji || /\p{Emoji_Presentation}/u.test(ch) || isWide(cp) ? 2 : 1
  }
  return w
}

/** Pads (styled) text with spaces to `width` display cells. */
export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)))
}

export function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s
}

/**
 * Word-wraps plain text to `width` cells; words longer than a line (JSON, ids)
 * are cut. Always at least one line.
 */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(1, width)
  const lines: string[] = []
  let line = ''
  const push = () => {
    lines.push(line)
    line = ''
  }
  for (const word of text.split(/ +/)) {
    let rest = word
    while (displayWidth(rest) > w) {
      // a word too long for any line: fill the current line, then cut
      const room = line === '' ? w : w - displayWidth(line) - 1
      if (room < 8 && line !== '') {
        push()
        continue
      }
      const [head, tail] = cut(rest, room)
      line = line === '' ? head : `${line} ${head}`
      push()
      rest = tail
    }
    if (rest === '') continue
    if (line === '') line = rest
    else if (displayWidth(line) + 1 + displayWidth(rest) <= w) line += ` ${rest}`
    else {
      push()
      line = rest
    }
  }
  if (line !== '' || lines.length === 0) push()
  return lines
}

/** Splits a plain string at `width` display cells. */
function cut(s: string, width: number): [string, string] {
  let w = 0
  let i = 0
  const chars = [...s]
  for (; i < chars.length; i++) {
    const cw = displayWidth(chars[i]!)
    if (w + cw > width) break
    w += cw
  }
  return [chars.slice(0, i).join(''), chars.slice(i).join('')]
}
