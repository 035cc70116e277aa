export * from "./backup-image";
export * from "./etcd";
export * from "./image";
export * from "./placement";
export * from "./schedule";
export * from "./schema";
