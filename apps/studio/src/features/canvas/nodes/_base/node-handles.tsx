import { Handle, Position } from '@xyflow/react';
import styles from './node.module.css';

export function InputHandle({ connectable, label }: { connectable: boolean; label: string }) {
  return (
    <Handle
      type="target"
      position={Position.Top}
      isConnectable={connectable}
      aria-label={label}
      className={`${styles.handle} ${styles.input}`}
      data-connectable={connectable || undefined}
    />
  );
}

/**
 * One source handle per output port along the bottom edge. With several ports each handle carries
 * its port name (yes / no) so that branches read without hovering.
 */
export function OutputHandles({
  ports,
  connectable,
  labelOf,
}: {
  ports: string[];
  connectable: boolean;
  labelOf: (port: string) => string;
}) {
  if (ports.length === 0) return null;
  if (ports.length === 1) {
    return (
      <Handle
        type="source"
        id={ports[0]}
        position={Position.Bottom}
        isConnectable={connectable}
        aria-label={labelOf(ports[0])}
        className={styles.handle}
      />
    );
  }
  return (
    <div className={styles.ports} data-ports>
      {ports.map((port, index) => {
        const left = `${((index + 0.5) / ports.length) * 100}%`;
        return (
          <div key={port} className={styles.port} style={{ left }}>
            <span className={styles.portLabel} data-port={port}>
              {port}
            </span>
            <Handle
              type="source"
              id={port}
              position={Position.Bottom}
              isConnectable={connectable}
              aria-label={labelOf(port)}
              className={styles.handle}
            />
          </div>
        );
      })}
    </div>
  );
}
