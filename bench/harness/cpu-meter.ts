/** How many cores this process kept busy over a stretch of wall time (all its threads). */
export function startCpuMeter(): () => number {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  return () => {
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1000 / (performance.now() - wall);
  };
}
