export * from "./etcd";
