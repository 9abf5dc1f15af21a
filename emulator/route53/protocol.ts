/**
 * Route 53 on the wire (REST-XML): paths under `/2013-04-01/`, XML bodies in
 * the `https://route53.amazonaws.com/doc/2013-04-01/` namespace, errors as
 * `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
 */
import { randomUUID } from 'node:crypto'

import { invalidInput, r53Throttling, r53Unavailable } from './errors.js'
import type { AliasTarget, Change, RecordSet } from './records.js'
import type { ChangeInfo, HostedZone, Route53Service } from './service.js'
import { AwsError, asAwsError } from '../common/errors.js'
import type { Answer, Call, Identified, Request, ServiceProtocol } from '../common/protocol.js'
import {
  type XmlElement,
  child,
  childrenNamed,
  node,
  parseXml,
  tag,
  textOf
} from '../common/xml.js'

export const ROUTE53_PREFIX = '/2013-04-01/'
const NS = 'https://route53.amazonaws.com/doc/2013-04-01/'
const XML_TYPE = 'text/xml'

/** Whether a request is for Route 53: its path starts with the API version. */
export const isRoute53Request = (url: URL): boolean => url.pathname.startsWith(ROUTE53_PREFIX)

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.000Z')

function recordFromXml(el: XmlElement | undefined): RecordSet {
  const num = (name: string): number | undefined => {
    const t = textOf(el, name)
    return t === undefined ? undefined : Number(t)
  }
  const r: RecordSet = { Name: textOf(el, 'Name') ?? '', Type: textOf(el, 'Type') ?? '' }
  const id = textOf(el, 'SetIdentifier')
  if (id !== undefined) r.SetIdentifier = id
  const weight = num('Weight')
  if (weight !== undefined) r.Weight = weight
  const ttl = num('TTL')
  if (ttl !== undefined) r.TTL = ttl
  const rrs = child(el, 'ResourceRecords')
  if (rrs)
    r.ResourceRecords = childrenNamed(rrs, 'ResourceRecord').map((x) => textOf(x, 'Value') ?? '')
  const at = child(el, 'AliasTarget')
  if (at) {
    r.AliasTarget = {
      HostedZoneId: textOf(at, 'HostedZoneId') ?? '',
      DNSName: textOf(at, 'DNSName') ?? '',
      EvaluateTargetHealth: textOf(at, 'EvaluateTargetHealth') === 'true'
    }
  }
  return r
}

function recordToXml(r: RecordSet): string {
  const alias = (a: AliasTarget): string =>
    node(
      'AliasTarget',
      tag('HostedZoneId', a.HostedZoneId),
      tag('DNSName', a.DNSName),
      tag('EvaluateTargetHealth', a.EvaluateTargetHealth)
    )
  return node(
    'ResourceRecordSet',
    tag('Name', r.Name),
    tag('Type', r.Type),
    tag('SetIdentifier', r.SetIdentifier),
    tag('Weight', r.Weight),
    tag('TTL', r.TTL),
    r.ResourceRecords
      ? node(
          'ResourceRecords',
          ...r.ResourceRecords.map((v) => node('ResourceRecord', tag('Value', v)))
        )
      : '',
    r.AliasTarget ? alias(r.AliasTarget) : ''
  )
}

const zoneToXml = (z: HostedZone): string =>
  node(
    'HostedZone',
    tag('Id', `/hostedzone/${z.id}`),
    tag('Name', z.name),
    tag('CallerReference', z.callerReference),
    node('Config', tag('Comment', z.comment), tag('PrivateZone', z.privateZone)),
    tag('ResourceRecordSetCount', z.records.length)
  )

const changeToXml = (c: ChangeInfo): string =>
  node(
    'ChangeInfo',
    tag('Id', c.Id),
    tag('Status', c.Status),
    tag('SubmittedAt', iso(c.SubmittedAt))
  )

const doc = (root: string, ...inner: string[]): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NS}">${inner.join('')}</${root}>`

// prettier-ignore
const ROUTES: Array<[method: string, re: RegExp, operation: string]> = [
  ['POST', /^\/2013-04-01\/hostedzone\/?$/,                  'CreateHostedZone'],
  ['GET',  /^\/2013-04-01\/hostedzonesbyname\/?$/,           'ListHostedZonesByName'],
  ['GET',  /^\/2013-04-01\/hostedzone\/([^/]+)\/?$/,         'GetHostedZone'],
  ['POST', /^\/2013-04-01\/hostedzone\/([^/]+)\/rrset\/?$/,  'ChangeResourceRecordSets'],
  ['GET',  /^\/2013-04-01\/hostedzone\/([^/]+)\/rrset\/?$/,  'ListResourceRecordSets']
]

function identify(req: Request): Identified {
  const path = req.url.pathname
  const hit = ROUTES.map(([m, re, op]) => ({
    op,
    match: m === req.method ? re.exec(path) : null
  })).find((x) => x.match)
  if (!hit?.match) {
    const refused = new AwsError(
      'UnknownOperationException',
      404,
      `No operation for ${req.method} ${path}`
    )
    return { operation: 'Unknown', input: {}, refused }
  }
  const input: Record<string, unknown> = {}
  if (hit.match[1] !== undefined) {
    input.HostedZoneId = decodeURIComponent(hit.match[1]).replace(/^\/?hostedzone\//, '')
  }
  for (const [k, v] of req.url.searchParams) input[k] = v
  if (req.method === 'POST') {
    let body: XmlElement
    try {
      body = parseXml(req.body)
    } catch (e) {
      return {
        operation: hit.op,
        input,
        refused: invalidInput(`Could not parse the request XML: ${(e as Error).message}`)
      }
    }
    if (hit.op === 'CreateHostedZone') {
      const config = child(body, 'HostedZoneConfig')
      Object.assign(input, {
        Name: textOf(body, 'Name'),
        CallerReference: textOf(body, 'CallerReference'),
        Comment: textOf(config, 'Comment'),
        PrivateZone: textOf(config, 'PrivateZone') === 'true'
      })
    } else {
      const changes = childrenNamed(child(child(body, 'ChangeBatch'), 'Changes'), 'Change')
      input.Changes = changes.map((c): Change => ({
        Action: textOf(c, 'Action') ?? '',
        ResourceRecordSet: recordFromXml(child(c, 'ResourceRecordSet'))
      }))
    }
  }
  return { operation: hit.op, input }
}

/** A call's input: the zone in the path, the query parameters, the changes of a body. */
interface RouteInput {
  HostedZoneId?: string
  dnsname?: string
  hostedzoneid?: string
  name?: string
  type?: string
  identifier?: string
  maxitems?: string
  Changes?: Change[]
}

function execute(svc: Route53Service, call: Call): Answer {
  const i = call.input as RouteInput
  const ok = (body: string, status = 200, headers: Record<string, string> = {}): Answer => ({
    status,
    headers: { 'content-type': XML_TYPE, ...headers },
    body
  })
  switch (call.operation) {
    case 'CreateHostedZone': {
      const { zone, change } = svc.createHostedZone(
        call.input as Parameters<Route53Service['createHostedZone']>[0]
      )
      const ns = node(
        'NameServers',
        ...zone.records[0]!.ResourceRecords!.map((n) => tag('NameServer', n.replace(/\.$/, '')))
      )
      return ok(
        doc(
          'CreateHostedZoneResponse',
          zoneToXml(zone),
          changeToXml(change),
          node('DelegationSet', ns)
        ),
        201,
        { location: `https://route53.amazonaws.com/2013-04-01/hostedzone/${zone.id}` }
      )
    }
    case 'GetHostedZone': {
      const zone = svc.zone(i.HostedZoneId ?? '')
      const ns = node(
        'NameServers',
        ...zone.records[0]!.ResourceRecords!.map((n) => tag('NameServer', n.replace(/\.$/, '')))
      )
      return ok(doc('GetHostedZoneResponse', zoneToXml(zone), node('DelegationSet', ns)))
    }
    case 'ListHostedZonesByName': {
      const r = svc.listHostedZonesByName(i)
      return ok(
        doc(
          'ListHostedZonesByNameResponse',
          node('HostedZones', ...r.zones.map(zoneToXml)),
          tag('DNSName', i.dnsname),
          tag('HostedZoneId', i.hostedzoneid),
          tag('IsTruncated', r.next !== undefined),
          tag('NextDNSName', r.next?.name),
          tag('NextHostedZoneId', r.next ? `/hostedzone/${r.next.id}` : undefined),
          tag('MaxItems', r.maxItems)
        )
      )
    }
    case 'ChangeResourceRecordSets': {
      const change = svc.changeResourceRecordSets(i.HostedZoneId ?? '', i.Changes ?? [])
      return ok(doc('ChangeResourceRecordSetsResponse', changeToXml(change)))
    }
    default: {
      const r = svc.listResourceRecordSets(i.HostedZoneId ?? '', i)
      return ok(
        doc(
          'ListResourceRecordSetsResponse',
          node('ResourceRecordSets', ...r.records.map(recordToXml)),
          tag('IsTruncated', r.next !== undefined),
          tag('NextRecordName', r.next?.Name),
          tag('NextRecordType', r.next?.Type),
          tag('NextRecordIdentifier', r.next?.SetIdentifier),
          tag('MaxItems', r.maxItems)
        )
      )
    }
  }
}

export function route53Protocol(svc: Route53Service): ServiceProtocol {
  return {
    service: 'route53',
    quotas: false,
    identify,
    execute: (call) => execute(svc, call),
    error(e) {
      const err = asAwsError(e)
      return {
        status: err.status,
        headers: { 'content-type': XML_TYPE },
        body: doc(
          'ErrorResponse',
          node(
            'Error',
            tag('Type', err.fault),
            tag('Code', err.code),
            tag('Message', err.awsMessage)
          ),
          tag('RequestId', randomUUID())
        )
      }
    },
    throttled: r53Throttling,
    unavailable: r53Unavailable
  }
}
