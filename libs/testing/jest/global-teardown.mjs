export default async function globalTeardown() {
  await globalThis.__mediaMonitorStack?.stop();
  globalThis.__mediaMonitorStack = undefined;
}
