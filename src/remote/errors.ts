// A remote target that cannot be scanned at all (bad hf:// syntax, a listing or an
// authentication failure, offline mode): the run stops before any verdict, exit status 2.
// Failures reading one file's bytes are findings instead (remote/fetch-failed).
export class RemoteError extends Error {}
