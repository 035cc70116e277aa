export * from "./etcd";
export * from "./placement";
