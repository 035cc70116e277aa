export * from "./backup-image";
export * from "./etcd";
export * from "./image";
export {
  maxBackupAgeSeconds,
  DEFAULT_RESTORE_DRILL_SCHEDULE,
  DEFAULT_SNAPSHOT_SCHEDULE,
} from "./jobs";
export { initialCluster } from "./members";
export * from "./placement";
export * from "./schedule";
export * from "./schema";
export * from "./validate";
