// Action entry (bundled to dist/index.js).
import { run } from './action/main.js'

/* istanbul ignore next */
await run()
