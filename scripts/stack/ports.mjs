// TCP port helpers: tests pick free ports, `up` checks its fixed ports before starting anything.
import net from 'node:net';

/** A port the OS considers free right now on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Throws a readable error if something already listens on 127.0.0.1:`port`. */
export function assertPortFree(port, what) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', (err) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} (${what}) is already in use — is another stack running? Free it or change the port.`,
            )
          : err,
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** Whether something accepts TCP connections on `host`:`port`. */
export function canConnect(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
