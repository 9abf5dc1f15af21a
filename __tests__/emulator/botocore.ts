/**
 * AWS's service models as botocore (beside the Python `aws` CLI) ships them:
 * where they are, undefined when botocore is not installed, and one model read.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'

/** botocore's `data` folder, or undefined. */
export const botocoreData = (() => {
  try {
    const r = spawnSync(
      'python3',
      ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'],
      { encoding: 'utf8', timeout: 20_000 }
    )
    const dir = r.stdout.trim()
    return r.status === 0 && existsSync(join(dir, 'data')) ? join(dir, 'data') : undefined
  } catch {
    return undefined
  }
})()

/** The model of `service` at API `version` (e.g. `lambda`, `2015-03-31`). */
export function serviceModel<M>(service: string, version: string): M {
  const file = join(botocoreData!, service, version, 'service-2.json.gz')
  return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as M
}
