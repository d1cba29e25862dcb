/** The environment a service reads: the given one (tests), else the process's. */
export function environmentOf(env: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  return env ?? process.env;
}
