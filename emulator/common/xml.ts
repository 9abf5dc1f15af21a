/**
 * The little XML Route 53 needs: a parser for request bodies (elements and
 * text; attributes, declarations and comments skipped) and builders for
 * answers.
 */

export interface XmlElement {
  name: string
  children: XmlElement[]
  text: string
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

const decode = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X'))
      return String.fromCodePoint(parseInt(e.slice(2), 16))
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)))
    return ENTITIES[e] ?? m
  })

export const escapeXml = (s: string): string =>
  s.replace(
    /[<>&"']/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`
  )

/** The document element of `text`; throws on XML it cannot read. */
export function parseXml(text: string): XmlElement {
  let pos = 0
  const skipMisc = (): void => {
    for (;;) {
      const rest = text.slice(pos)
      const ws = /^\s*/.exec(rest)?.[0].length ?? 0
      pos += ws
      if (text.startsWith('<?', pos)) pos = text.indexOf('?>', pos) + 2
      else if (text.startsWith('<!--', pos)) pos = text.indexOf('-->', pos) + 3
      else return
      if (pos < 2) throw new Error('unterminated declaration or comment')
    }
  }
  const element = (): XmlElement => {
    const open = /^<([A-Za-z_][\w.:-]*)[^>]*?(\/?)>/.exec(text.slice(pos))
    if (!open) throw new Error(`expected an element at ${pos}`)
    pos += open[0].length
    const el: XmlElement = { name: (open[1] ?? '').replace(/^\w+:/, ''), children: [], text: '' }
    if (open[2] === '/') return el
    for (;;) {
      const lt = text.indexOf('<', pos)
      if (lt < 0) throw new Error(`unterminated element ${el.name}`)
      el.text += decode(text.slice(pos, lt))
      pos = lt
      if (text.startsWith('</', pos)) {
        const close = /^<\/([^>\s]+)\s*>/.exec(text.slice(pos))
        if (!close || close[1]?.replace(/^\w+:/, '') !== el.name) {
          throw new Error(`mismatched closing tag for ${el.name}`)
        }
        pos += close[0].length
        el.text = el.children.length > 0 ? el.text.trim() : el.text
        return el
      }
      if (text.startsWith('<!--', pos)) {
        pos = text.indexOf('-->', pos) + 3
        continue
      }
      el.children.push(element())
    }
  }
  skipMisc()
  const root = element()
  skipMisc()
  if (pos !== text.length) throw new Error('content after the document element')
  return root
}

export const child = (el: XmlElement | undefined, name: string): XmlElement | undefined =>
  el?.children.find((c) => c.name === name)

export const childrenNamed = (el: XmlElement | undefined, name: string): XmlElement[] =>
  el?.children.filter((c) => c.name === name) ?? []

export const textOf = (el: XmlElement | undefined, name: string): string | undefined =>
  child(el, name)?.text

/** `<name>value</name>`, escaped; nothing when `value` is undefined. */
export function tag(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`
}

/** `<name>` around XML already built. */
export function node(name: string, ...inner: string[]): string {
  return `<${name}>${inner.join('')}</${name}>`
}
