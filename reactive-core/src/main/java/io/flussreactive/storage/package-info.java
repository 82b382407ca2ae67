/**
 * Remote storage: how the client reads what the cluster moved out of its tablet servers (tiered
 * log segments, KV snapshot files). A local or shared file system is built in; register others per
 * URI scheme in {@link io.flussreactive.FlussClientOptions.Builder#remoteFileSystem(String, RemoteFileSystemProvider)}.
 */
package io.flussreactive.storage;
