'use client';

import { useTranslations } from 'next-intl';
import { typeDescription } from '../canvas/build-flow';
import type { CanvasNode, NodeCatalog, NodeConfig } from '../canvas/types';
import ui from '../shell/ui.module.css';
import styles from './editor.module.css';
import { SchemaForm } from './schema-form/schema-form';

export interface PortTarget {
  port: string;
  /** Id of the node the port leads to, if connected. */
  target: string | null;
}

interface NodePanelProps {
  node: CanvasNode;
  catalog: NodeCatalog;
  editable: boolean;
  fieldErrors: Record<string, string>;
  /** Each output port and where it leads. */
  connections: PortTarget[];
  /** Nodes a port of this one may lead to. */
  targets: { id: string; name: string }[];
  onConfig(config: NodeConfig): void;
  onLabel(label: string): void;
  onConnectPort(port: string, target: string | null): void;
  onDelete(): void;
}

/** The selected step: its name, its settings (a form from the type's schema) and its connections. */
export function NodePanel(props: NodePanelProps) {
  const { node, catalog, editable, fieldErrors, connections, targets } = props;
  const t = useTranslations('editor.node');
  const tc = useTranslations('canvas');
  const entry = catalog[node.data.nodeType];
  const idPrefix = `node-${node.id}`;
  return (
    <div className={styles.nodePanel}>
      <header className={styles.nodePanelHeader}>
        <span className={styles.kindChip} data-kind={node.data.kind}>
          {tc(`kinds.${node.data.kind}`)}
        </span>
        <h3 className={styles.nodePanelTitle}>{node.data.title}</h3>
        <p className={styles.hint}>{typeDescription(node.data.nodeType, catalog, tc)}</p>
      </header>

      <fieldset className={styles.plainFieldset} disabled={!editable}>
        <legend className="visually-hidden">
          {t('settings', { name: node.data.label || node.data.title })}
        </legend>
        <div className={ui.field}>
          <label htmlFor={`${idPrefix}-label`}>
            <span className={styles.fieldLabel}>{t('label')}</span>
          </label>
          <input
            id={`${idPrefix}-label`}
            className={ui.input}
            maxLength={200}
            placeholder={node.data.title}
            value={node.data.label ?? ''}
            onChange={(event) => props.onLabel(event.target.value)}
          />
        </div>
        {entry ? (
          <SchemaForm
            key={node.id}
            schema={entry.configJsonSchema}
            value={node.data.config}
            onChange={props.onConfig}
            errors={fieldErrors}
            disabled={!editable}
            idPrefix={idPrefix}
            nodeType={node.data.nodeType}
          />
        ) : (
          <p className={ui.error}>{t('unknownType', { type: node.data.nodeType })}</p>
        )}
      </fieldset>

      {connections.length > 0 ? (
        <fieldset className={styles.connections} disabled={!editable}>
          <legend className={styles.fieldLabel}>{t('connections')}</legend>
          {connections.map(({ port, target }) => (
            <div key={port} className={ui.field}>
              <label htmlFor={`${idPrefix}-port-${port}`}>
                <span className={styles.portName}>
                  {connections.length > 1 ? t('portLeadsTo', { port }) : t('leadsTo')}
                </span>
              </label>
              <select
                id={`${idPrefix}-port-${port}`}
                className={ui.input}
                value={target ?? ''}
                onChange={(event) => props.onConnectPort(port, event.target.value || null)}
              >
                <option value="">{t('notConnected')}</option>
                {targets.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
      ) : null}

      {editable ? (
        <button type="button" className={`${ui.button} ${ui.danger}`} onClick={props.onDelete}>
          {t('delete')}
        </button>
      ) : null}
    </div>
  );
}
