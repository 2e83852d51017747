/** The wrapper helpers live with the fault scenario that shares them (bench/neo4j-wrapper.ts). */
export { launcherPids, wrapper, wrapperAsync } from '../../bench/neo4j-wrapper';
export { ROOT } from '../../bench/results';
