/**
 * Route 53 on the emulator's port, through @aws-sdk/client-route-53: hosted
 * zones, record changes (all or nothing), ListResourceRecordSets paging in
 * Route 53's order, and its errors in the REST-XML envelope.
 */
import {
  ChangeResourceRecordSetsCommand,
  type Change,
  CreateHostedZoneCommand,
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  type ResourceRecordSet
} from '@aws-sdk/client-route-53'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'

import { getCalls, setFaults } from '../../emulator/client.js'
import { type Emulator, startEmulator } from '../../emulator/server.js'
import { clients, expectAwsError } from './helpers.js'

let emu: Emulator
let r53: ReturnType<typeof clients>['r53']

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  r53 = clients(emu.url).r53
})
afterAll(async () => {
  r53.destroy()
  await emu.close()
})
beforeEach(() => emu.state.reset())

async function zone(name = 'example.com', ref = name): Promise<string> {
  const z = await r53.send(new CreateHostedZoneCommand({ Name: name, CallerReference: ref }))
  return z.HostedZone!.Id!.replace('/hostedzone/', '')
}

const change = (HostedZoneId: string, ...Changes: Change[]) =>
  r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId, ChangeBatch: { Changes } }))

const alias = (Name: string, DNSName: string, extra: Partial<ResourceRecordSet> = {}): Change => ({
  Action: 'CREATE',
  ResourceRecordSet: {
    Name,
    Type: 'A',
    AliasTarget: { HostedZoneId: 'Z1UJRXOUMOOFQ8', DNSName, EvaluateTargetHealth: false },
    ...extra
  }
})

const simple = (
  Name: string,
  Type: ResourceRecordSet['Type'],
  Value: string,
  Action: Change['Action'] = 'CREATE'
): Change => ({
  Action,
  ResourceRecordSet: { Name, Type, TTL: 300, ResourceRecords: [{ Value }] }
})

describe('hosted zones', () => {
  it('CreateHostedZone answers 201 with the zone, NS and SOA records, name servers and Location', async () => {
    const z = await r53.send(
      new CreateHostedZoneCommand({
        Name: 'Example.com',
        CallerReference: 'r1',
        HostedZoneConfig: { Comment: 'main' }
      })
    )
    expect(z.$metadata.httpStatusCode).toBe(201)
    expect(z.HostedZone).toMatchObject({
      Name: 'example.com.',
      CallerReference: 'r1',
      Config: { Comment: 'main', PrivateZone: false },
      ResourceRecordSetCount: 2
    })
    expect(z.HostedZone!.Id).toMatch(/^\/hostedzone\/Z[A-Z0-9]{20}$/)
    expect(z.Location).toBe(`https://route53.amazonaws.com/2013-04-01${z.HostedZone!.Id}`)
    expect(z.ChangeInfo?.Status).toBe('PENDING')
    expect(z.DelegationSet?.NameServers).toHaveLength(4)
    const got = await r53.send(new GetHostedZoneCommand({ Id: z.HostedZone!.Id }))
    expect(got.HostedZone?.Name).toBe('example.com.')
    await expectAwsError(
      r53.send(new CreateHostedZoneCommand({ Name: 'other.com', CallerReference: 'r1' })),
      'HostedZoneAlreadyExists',
      409,
      'A hosted zone has already been created with the specified caller reference.'
    )
  })

  it('ListHostedZonesByName lists by reversed labels from dnsname, and pages', async () => {
    for (const n of ['b.org', 'example.com', 'a.example.com', 'z.net']) await zone(n)
    const all = await r53.send(new ListHostedZonesByNameCommand({}))
    expect(all.HostedZones!.map((z) => z.Name)).toEqual([
      'example.com.',
      'a.example.com.',
      'z.net.',
      'b.org.'
    ])
    const page = await r53.send(
      new ListHostedZonesByNameCommand({ DNSName: 'a.example.com', MaxItems: 2 })
    )
    expect(page.HostedZones!.map((z) => z.Name)).toEqual(['a.example.com.', 'z.net.'])
    expect(page).toMatchObject({ IsTruncated: true, NextDNSName: 'b.org.', MaxItems: 2 })
    await expectAwsError(
      r53.send(new ListHostedZonesByNameCommand({ HostedZoneId: 'Z123' })),
      'InvalidInput',
      400,
      'Invalid request: a hostedzoneid requires a dnsname'
    )
  })
})

describe('record sets', () => {
  it('keeps alias, weighted and plain records, as ListResourceRecordSets answers them', async () => {
    const id = await zone()
    await change(
      id,
      alias('api.example.com', 'd-abc.execute-api.us-east-1.amazonaws.com'),
      simple('www.example.com', 'CNAME', 'api.example.com'),
      alias('blue.example.com', 'd-one.execute-api.us-east-1.amazonaws.com', {
        SetIdentifier: 'one',
        Weight: 90
      }),
      alias('blue.example.com', 'd-two.execute-api.us-east-1.amazonaws.com', {
        SetIdentifier: 'two',
        Weight: 10
      })
    )
    const r = await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: id }))
    expect(r).toMatchObject({ IsTruncated: false, MaxItems: 300 })
    expect(r.ResourceRecordSets!.map((x) => [x.Name, x.Type, x.SetIdentifier])).toEqual([
      ['example.com.', 'NS', undefined],
      ['example.com.', 'SOA', undefined],
      ['api.example.com.', 'A', undefined],
      ['blue.example.com.', 'A', 'one'],
      ['blue.example.com.', 'A', 'two'],
      ['www.example.com.', 'CNAME', undefined]
    ])
    expect(r.ResourceRecordSets![2]).toEqual({
      Name: 'api.example.com.',
      Type: 'A',
      AliasTarget: {
        HostedZoneId: 'Z1UJRXOUMOOFQ8',
        DNSName: 'd-abc.execute-api.us-east-1.amazonaws.com.',
        EvaluateTargetHealth: false
      }
    })
    expect(r.ResourceRecordSets![3]).toMatchObject({ Weight: 90, SetIdentifier: 'one' })
    expect(r.ResourceRecordSets![5]).toMatchObject({
      TTL: 300,
      ResourceRecords: [{ Value: 'api.example.com' }]
    })

    // from a name and type on
    const from = await r53.send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: id,
        StartRecordName: 'blue.example.com',
        StartRecordType: 'A',
        StartRecordIdentifier: 'two'
      })
    )
    expect(from.ResourceRecordSets!.map((x) => [x.Name, x.SetIdentifier])).toEqual([
      ['blue.example.com.', 'two'],
      ['www.example.com.', undefined]
    ])
    const calls = (await getCalls(emu.url)).filter((c) => c.operation === 'ListResourceRecordSets')
    expect(calls.at(-1)?.input).toMatchObject({
      HostedZoneId: id,
      name: 'blue.example.com',
      type: 'A',
      identifier: 'two'
    })
  })

  it('pages with maxitems (at most 300) and NextRecordName/Type/Identifier', async () => {
    const id = await zone()
    const batch: Change[] = []
    for (let i = 0; i < 320; i++) {
      batch.push(
        alias('w.example.com', `d-${i}.example.net`, {
          SetIdentifier: `s${String(i).padStart(3, '0')}`,
          Weight: 1
        })
      )
    }
    await change(id, ...batch)
    const first = await r53.send(
      new ListResourceRecordSetsCommand({ HostedZoneId: id, MaxItems: 1000 })
    )
    expect(first.ResourceRecordSets).toHaveLength(300)
    expect(first).toMatchObject({
      IsTruncated: true,
      MaxItems: 300,
      NextRecordName: 'w.example.com.',
      NextRecordType: 'A',
      NextRecordIdentifier: 's298'
    })
    const seen: string[] = []
    let next: { name?: string; type?: string; identifier?: string } = {}
    for (;;) {
      const p = await r53.send(
        new ListResourceRecordSetsCommand({
          HostedZoneId: id,
          MaxItems: 100,
          StartRecordName: next.name,
          StartRecordType: next.type as 'A' | undefined,
          StartRecordIdentifier: next.identifier
        })
      )
      seen.push(...p.ResourceRecordSets!.map((x) => `${x.Type}:${x.SetIdentifier ?? ''}`))
      if (!p.IsTruncated) break
      next = { name: p.NextRecordName, type: p.NextRecordType, identifier: p.NextRecordIdentifier }
    }
    expect(seen).toHaveLength(322)
    expect(new Set(seen).size).toBe(322)
  })

  it('refuses a batch with any bad change and applies none of it', async () => {
    const id = await zone()
    await change(id, simple('www.example.com', 'A', '192.0.2.1'))
    await expectAwsError(
      change(
        id,
        simple('new.example.com', 'A', '192.0.2.2'),
        simple('www.example.com', 'A', '192.0.2.3')
      ),
      'InvalidChangeBatch',
      400,
      "[Tried to create resource record set [name='www.example.com.', type='A'] but it already exists]"
    )
    await expectAwsError(
      change(id, simple('gone.example.com', 'A', '192.0.2.9', 'DELETE')),
      'InvalidChangeBatch',
      400,
      "[Tried to delete resource record set [name='gone.example.com.', type='A'] but it was not found]"
    )
    await expectAwsError(
      change(id, simple('www.other.com', 'A', '192.0.2.9')),
      'InvalidChangeBatch',
      400,
      '[RRSet with DNS name www.other.com. is not permitted in zone example.com.]'
    )
    await expectAwsError(
      change(id, simple('www.example.com', 'CNAME', 'x.example.com')),
      'InvalidChangeBatch',
      400,
      '[RRSet of type CNAME with DNS name www.example.com. is not permitted because a conflicting RRSet of type A with the same DNS name already exists in zone example.com.]'
    )
    await expectAwsError(
      change(id, alias('www.example.com', 'd.example.net', { SetIdentifier: 'x', Weight: 5 })),
      'InvalidChangeBatch',
      400,
      '[RRSet of type A with DNS name www.example.com. is not permitted because a conflicting RRSet of type A with the same DNS name already exists in zone example.com.]'
    )
    await expectAwsError(
      change(id, alias('both.example.com', 'd.example.net', { TTL: 60 })),
      'InvalidInput',
      400,
      'Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found more than one in Change with [Action=CREATE, Name=both.example.com., Type=A, SetIdentifier=null]'
    )
    await expectAwsError(
      change(id, alias('w.example.com', 'd.example.net', { SetIdentifier: 'x' })),
      'InvalidInput',
      400,
      'Invalid request: A weighted record needs both SetIdentifier and Weight in Change with [Action=CREATE, Name=w.example.com., Type=A, SetIdentifier=x]'
    )
    const r = await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: id }))
    expect(r.ResourceRecordSets!.map((x) => x.Name)).toEqual([
      'example.com.',
      'example.com.',
      'www.example.com.'
    ])

    // UPSERT replaces, DELETE of the exact record removes
    await change(id, simple('www.example.com', 'A', '192.0.2.7', 'UPSERT'))
    await change(id, simple('www.example.com', 'A', '192.0.2.7', 'DELETE'))
    const after = await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: id }))
    expect(after.ResourceRecordSets).toHaveLength(2)
  })

  it('answers NoSuchHostedZone (404) and InvalidInput for a type without a name', async () => {
    const id = await zone()
    await expectAwsError(
      r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: 'ZNOPE' })),
      'NoSuchHostedZone',
      404,
      'No hosted zone found with ID: ZNOPE'
    )
    await expectAwsError(
      change('ZNOPE', simple('a.example.com', 'A', '192.0.2.1')),
      'NoSuchHostedZone',
      404
    )
    await expectAwsError(
      r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: id, StartRecordType: 'A' })),
      'InvalidInput',
      400,
      'The input is not valid: a type (StartRecordType) requires a name (StartRecordName)'
    )
  })

  it('faults reach Route 53 too: a throttled call answers Throttling in the XML envelope', async () => {
    await zone()
    await setFaults(emu.url, { throttleRate: 1, operations: ['ListHostedZonesByName'] })
    await expectAwsError(
      r53.send(new ListHostedZonesByNameCommand({})),
      'Throttling',
      400,
      'Rate exceeded'
    )
    const res = await fetch(`${emu.url}/2013-04-01/hostedzonesbyname`)
    const text = await res.text()
    expect(text).toMatch(
      /<ErrorResponse xmlns="https:\/\/route53\.amazonaws\.com\/doc\/2013-04-01\/"><Error><Type>Sender<\/Type><Code>Throttling<\/Code><Message>Rate exceeded<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/
    )
  })
})
