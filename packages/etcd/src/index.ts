export * from "./etcd";
export * from "./placement";
export * from "./schedule";
