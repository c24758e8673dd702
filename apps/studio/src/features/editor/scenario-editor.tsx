'use client';

import '@xyflow/react/dist/style.css';
import {
  type Connection,
  type Edge,
  type FinalConnectionState,
  ReactFlow,
  ReactFlowProvider,
  useEdgesState,
  useNodesState,
  useReactFlow,
} from '@xyflow/react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type DragEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { buildFlow, describeNode, toCanvasEdge, toCanvasNode } from '../canvas/build-flow';
import { CanvasChrome, useFlowDefaults } from '../canvas/canvas-chrome';
import type { SummaryNames } from '../canvas/nodes/_base/types';
import type { CanvasNode, GraphNode, NodeCatalog, NodeConfig, ScenarioGraph } from '../canvas/types';
import { DryRunPanel } from '../dry-run/dry-run-panel';
import { NodeOverlayProvider } from '../node-overlay/node-overlay';
import { NodeOverlayStore } from '../node-overlay/overlay-store';
import type { ScenarioDetail, VersionSummary } from '../scenarios/types';
import ui from '../shell/ui.module.css';
import { StatsBar } from '../stats/stats-bar';
import { statsShownFromStart } from '../stats/types';
import { type DraftValidation, publishAction, saveDraftAction } from './actions';
import { autoLayout } from './auto-layout';
import { editNode, toGraph, withValidation } from './flow-graph';
import {
  type Clipboard,
  configFieldErrors,
  connectionRefusal,
  copySelection,
  diffGraphs,
  newEdgeId,
  newNodeId,
  pasteClipboard,
  problemsByNode,
} from './graph-rules';
import { record, redo, startHistory, undo } from './history';
import { NodePanel, type PortTarget } from './node-panel';
import { NODE_TYPE_MIME, Palette } from './palette';
import { ProblemsPanel } from './problems-panel';
import { PublishDialog } from './publish-dialog';
import { Tabs } from './tabs';
import { useAutosave } from './use-autosave';
import { VersionsPanel } from './versions-panel';
import styles from './editor.module.css';

const SAVE_DELAY_MS = 700;
const HISTORY_DELAY_MS = 400;
/** Where a dropped node's top-left lands relative to the pointer: it appears under the cursor. */
const DROP_OFFSET = { x: 136, y: 28 };
const PASTE_OFFSET = { x: 40, y: 40 };

export interface ScenarioEditorProps {
  scenario: ScenarioDetail;
  catalog: NodeCatalog;
  versions: VersionSummary[];
  /** The graph of the current version, to show what publishing changes. */
  published: ScenarioGraph | null;
  validation: DraftValidation | null;
  /** False for viewers and archived scenarios: the canvas and the forms are read-only. */
  editable: boolean;
  /** Segment names, shown on the steps instead of segment ids. */
  names: SummaryNames;
}

export function ScenarioEditor(props: ScenarioEditorProps) {
  // Live stats and dry-run paths are drawn on the nodes from this store, outside the flow's state.
  const [overlay] = useState(() => new NodeOverlayStore());
  return (
    <ReactFlowProvider>
      <NodeOverlayProvider store={overlay}>
        <EditorWorkspace {...props} />
      </NodeOverlayProvider>
    </ReactFlowProvider>
  );
}

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (/^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName) || element.isContentEditable);
}

function EditorWorkspace({
  scenario,
  catalog,
  versions,
  published,
  validation: initialValidation,
  editable,
  names,
}: ScenarioEditorProps) {
  const t = useTranslations('canvas');
  const te = useTranslations('editor');
  const tTest = useTranslations('dryRun');
  const router = useRouter();
  const flow = useReactFlow<CanvasNode>();
  const flowDefaults = useFlowDefaults();
  const editorRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const settings = scenario.graph.settings;

  const initial = useMemo(
    () => buildFlow(scenario.graph, catalog, t, { editable, ports: initialValidation?.ports, names }),
    // The canvas owns its state after the first render; later props only refresh versions.
    [],
  );
  const [nodes, setNodes, onNodesChange] = useNodesState<CanvasNode>(initial.nodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState<Edge>(initial.edges);
  const graph = useMemo(() => toGraph(nodes, edges, settings), [nodes, edges, settings]);
  const json = useMemo(() => JSON.stringify(graph), [graph]);
  const initialJson = useMemo(
    () => JSON.stringify(toGraph(initial.nodes, initial.edges, settings)),
    [initial, settings],
  );
  const dragging = nodes.some((node) => node.dragging);

  const [validation, setValidation] = useState<DraftValidation | null>(initialValidation);
  const [announcement, setAnnouncement] = useState('');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [tab, setTab] = useState<'step' | 'problems' | 'test' | 'versions'>('step');

  // ---- validation results onto the nodes -------------------------------------------------------
  const applyValidation = useCallback(
    (result: DraftValidation, savedGraph: ScenarioGraph) => {
      const problems = problemsByNode(result.errors, savedGraph);
      setNodes((current) =>
        current.map((node) => {
          const usedPorts = savedGraph.edges.filter((e) => e.source === node.id).map((e) => e.sourcePort);
          return withValidation(node, problems.get(node.id) ?? [], result.ports[node.id], usedPorts, t);
        }),
      );
    },
    [setNodes, t],
  );
  useEffect(() => {
    if (initialValidation) applyValidation(initialValidation, scenario.graph);
    // Once, for the validation the page was rendered with.
  }, []);

  // ---- a new language: summaries, titles and accessible names follow --------------------------
  const shownIn = useRef(t);
  useEffect(() => {
    if (shownIn.current === t) return;
    shownIn.current = t;
    const relabelled = new Map(
      flow.getNodes().map((node) => [node.id, editNode(node, {}, catalog, t, names)]),
    );
    setNodes((current) => current.map((node) => relabelled.get(node.id) ?? node));
    setEdges((current) =>
      current.map((edge) => {
        const source = relabelled.get(edge.source);
        const target = relabelled.get(edge.target);
        if (!source || !target || !edge.sourceHandle) return edge;
        const graphEdge = {
          id: edge.id,
          source: edge.source,
          sourcePort: edge.sourceHandle,
          target: edge.target,
        };
        return { ...toCanvasEdge(graphEdge, source.data, target.data, t), selected: edge.selected };
      }),
    );
  }, [t, catalog, names, flow, setNodes, setEdges]);

  // ---- autosave ---------------------------------------------------------------------------------
  const save = useCallback(
    async (snapshot: string) => {
      const saved = JSON.parse(snapshot) as ScenarioGraph;
      const result = await saveDraftAction(scenario.id, saved);
      if (!result.ok) {
        setSaveError(result.error);
        return false;
      }
      setSaveError(null);
      setValidation(result.data.validation);
      applyValidation(result.data.validation, saved);
      return true;
    },
    [scenario.id, applyValidation],
  );
  const autosave = useAutosave({
    json,
    initial: initialJson,
    enabled: editable && !dragging,
    delayMs: SAVE_DELAY_MS,
    save,
  });

  // ---- undo / redo ------------------------------------------------------------------------------
  const [history, setHistory] = useState(() => startHistory(initialJson));
  useEffect(() => {
    if (dragging || !editable) return;
    const timer = setTimeout(() => setHistory((h) => record(h, json)), HISTORY_DELAY_MS);
    return () => clearTimeout(timer);
  }, [json, dragging, editable]);

  const restore = useCallback(
    (snapshot: string) => {
      const restored = JSON.parse(snapshot) as ScenarioGraph;
      const ports = Object.fromEntries(nodes.map((node) => [node.id, node.data.ports]));
      const rebuilt = buildFlow(restored, catalog, t, { editable, ports, names });
      setNodes(rebuilt.nodes);
      setEdges(rebuilt.edges);
    },
    [nodes, catalog, t, editable, names, setNodes, setEdges],
  );
  const step = useCallback(
    (direction: 'undo' | 'redo') => {
      // A change still settling counts as a step of its own.
      const settled = record(history, json);
      const next = direction === 'undo' ? undo(settled) : redo(settled);
      if (next === settled) return;
      setHistory(next);
      restore(next.present);
      setAnnouncement(direction === 'undo' ? te('announce.undone') : te('announce.redone'));
    },
    [history, json, restore, te],
  );
  const canUndo = history.past.length > 0 || json !== history.present;
  const canRedo = history.future.length > 0 && json === history.present;

  // ---- adding, connecting, editing --------------------------------------------------------------
  const addNode = useCallback(
    (type: string, position: { x: number; y: number }) => {
      const entry = catalog[type];
      if (!entry || !editable) return;
      const taken = new Set(flow.getNodes().map((node) => node.id));
      const graphNode: GraphNode = {
        id: newNodeId(type, taken),
        type,
        config: structuredClone(entry.defaultConfig),
        position,
      };
      const node = {
        ...toCanvasNode(graphNode, describeNode(graphNode, catalog, t, { names }), position, t, true),
        selected: true,
      };
      setNodes((current) => [...current.map((n) => (n.selected ? { ...n, selected: false } : n)), node]);
      setTab('step');
      setAnnouncement(te('announce.added', { name: node.data.title }));
    },
    [catalog, editable, flow, names, setNodes, t, te],
  );

  const viewportCenter = useCallback(() => {
    const rect = canvasRef.current?.getBoundingClientRect();
    const center = rect
      ? flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 })
      : { x: 0, y: 0 };
    // Nudge until no node sits exactly there, so repeated additions stay visible.
    const position = { x: Math.round(center.x - DROP_OFFSET.x), y: Math.round(center.y - DROP_OFFSET.y) };
    while (
      flow
        .getNodes()
        .some((n) => Math.abs(n.position.x - position.x) < 8 && Math.abs(n.position.y - position.y) < 8)
    ) {
      position.x += 24;
      position.y += 24;
    }
    return position;
  }, [flow]);

  const addInTheMiddle = useCallback(
    (type: string) => addNode(type, viewportCenter()),
    [addNode, viewportCenter],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(NODE_TYPE_MIME);
      if (!type) return;
      event.preventDefault();
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      addNode(type, { x: Math.round(point.x - DROP_OFFSET.x), y: Math.round(point.y - DROP_OFFSET.y) });
    },
    [addNode, flow],
  );

  const isValidConnection = useCallback(
    (connection: Connection | Edge) =>
      connectionRefusal(connection, connectables(flow.getNodes()), liveEdges(flow.getEdges())) === null,
    [flow],
  );

  const connect = useCallback(
    (source: string, port: string, target: string) => {
      const sourceNode = flow.getNode(source);
      const targetNode = flow.getNode(target);
      if (!sourceNode || !targetNode) return;
      setEdges((current) => {
        const taken = new Set(current.map((edge) => edge.id));
        const edge = toCanvasEdge(
          { id: newEdgeId(source, port, taken), source, sourcePort: port, target },
          sourceNode.data,
          targetNode.data,
          t,
        );
        return [...current.filter((e) => !(e.source === source && e.sourceHandle === port)), edge];
      });
    },
    [flow, setEdges, t],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      if (connection.sourceHandle) connect(connection.source, connection.sourceHandle, connection.target);
    },
    [connect],
  );

  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid !== false || !state.fromNode || !state.toNode) return;
      const refusal = connectionRefusal(
        { source: state.fromNode.id, sourceHandle: state.fromHandle?.id ?? null, target: state.toNode.id },
        connectables(flow.getNodes()),
        liveEdges(flow.getEdges()),
      );
      if (refusal) setAnnouncement(te(`refused.${refusal}`));
    },
    [flow, te],
  );

  const selectedNodes = nodes.filter((node) => node.selected);
  const selected = selectedNodes.length === 1 ? selectedNodes[0] : null;

  const updateSelected = useCallback(
    (change: { config?: NodeConfig; label?: string }) => {
      if (!selected) return;
      setNodes((current) =>
        current.map((node) => (node.id === selected.id ? editNode(node, change, catalog, t, names) : node)),
      );
    },
    [selected, setNodes, catalog, t, names],
  );

  const deleteNodes = useCallback(
    (ids: string[]) => {
      if (ids.length === 0) return;
      void flow.deleteElements({ nodes: ids.map((id) => ({ id })) });
      setAnnouncement(te('announce.deleted', { count: ids.length }));
    },
    [flow, te],
  );

  const showNode = useCallback(
    (id: string) => {
      setNodes((current) => current.map((node) => ({ ...node, selected: node.id === id })));
      setTab('step');
      void flow.fitView({ nodes: [{ id }], maxZoom: 1, duration: 250 });
      requestAnimationFrame(() =>
        canvasRef.current
          ?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`)
          ?.focus(),
      );
    },
    [flow, setNodes],
  );

  const arrange = useCallback(() => {
    const positions = autoLayout(
      flow.getNodes().map((node) => ({
        id: node.id,
        width: node.measured?.width ?? 272,
        height: node.measured?.height ?? 90,
        ports: node.data.ports,
      })),
      liveEdges(flow.getEdges()).map((edge) => ({ ...edge })),
    );
    setNodes((current) =>
      current.map((node) => ({ ...node, position: positions.get(node.id) ?? node.position })),
    );
    requestAnimationFrame(() => void flow.fitView({ padding: 0.2, maxZoom: 1, duration: 250 }));
    setAnnouncement(te('announce.arranged'));
  }, [flow, setNodes, te]);

  // ---- keyboard: undo/redo, copy/paste (Delete and Backspace are React Flow's) ------------------
  const clipboard = useRef<Clipboard | null>(null);
  useEffect(() => {
    if (!editable) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const inEditor =
        editorRef.current?.contains(document.activeElement) || document.activeElement === document.body;
      if (!inEditor || isTyping(event.target) || !(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) step('undo');
      else if ((key === 'z' && event.shiftKey) || key === 'y') step('redo');
      else if (key === 'c') {
        const ids = new Set(
          flow
            .getNodes()
            .filter((node) => node.selected)
            .map((node) => node.id),
        );
        if (ids.size === 0) return;
        clipboard.current = copySelection(graph, ids);
        setAnnouncement(te('announce.copied', { count: ids.size }));
      } else if (key === 'v' && clipboard.current) {
        const pasted = pasteClipboard(clipboard.current, graph, PASTE_OFFSET);
        clipboard.current = { nodes: pasted.nodes, edges: pasted.edges };
        const built = buildFlow({ nodes: pasted.nodes, edges: pasted.edges }, catalog, t, {
          editable: true,
          names,
        });
        setNodes((current) => [
          ...current.map((node) => (node.selected ? { ...node, selected: false } : node)),
          ...built.nodes.map((node) => ({ ...node, selected: true })),
        ]);
        setEdges((current) => [...current, ...built.edges]);
        setAnnouncement(te('announce.pasted', { count: pasted.nodes.length }));
      } else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [editable, step, flow, graph, catalog, t, te, names, setNodes, setEdges]);

  // ---- publishing -------------------------------------------------------------------------------
  const [publishOpen, setPublishOpen] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [publishError, setPublishError] = useState<string | null>(null);
  // Only while the dialog is open: compared on every change, it would cost each move of a drag
  // a pass over every step (and every edge per step).
  const diff = useMemo(
    () => (publishOpen ? diffGraphs(published, graph) : null),
    [publishOpen, published, graph],
  );
  const nextVersion = (versions[0]?.version ?? 0) + 1;
  const problemCount = validation?.errors.length ?? 0;
  const nameOfGraphNode = (node: GraphNode) => node.label || describeNode(node, catalog, t).title;

  const confirmPublish = async () => {
    setPublishing(true);
    setPublishError(null);
    try {
      if (!(await autosave.flush())) {
        setPublishError(te('publish.saveFirst'));
        return;
      }
      const result = await publishAction(scenario.id);
      if (!result.ok) {
        setPublishError(result.error);
        return;
      }
      setPublishOpen(false);
      setAnnouncement(te('announce.published', { version: result.data.version }));
      router.refresh();
    } finally {
      setPublishing(false);
    }
  };

  // ---- side panel -------------------------------------------------------------------------------
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const nameOf = (id: string) => {
    const node = byId.get(id);
    return node ? node.data.label || node.data.title : undefined;
  };
  const connections: PortTarget[] = selected
    ? selected.data.ports.map((port) => ({
        port,
        target:
          edges.find((edge) => edge.source === selected.id && edge.sourceHandle === port)?.target ?? null,
      }))
    : [];
  const targets = selected
    ? nodes
        .filter((node) => node.id !== selected.id && node.data.hasInput)
        .map((node) => ({
          id: node.id,
          name: `${node.data.label || node.data.title} — ${node.data.summary}`,
        }))
    : [];
  const connectPort = (port: string, target: string | null) => {
    if (!selected) return;
    if (target) connect(selected.id, port, target);
    else setEdges((current) => current.filter((e) => !(e.source === selected.id && e.sourceHandle === port)));
  };

  const status = saveError
    ? te('save.error', { message: saveError })
    : autosave.status === 'saved'
      ? te('save.saved')
      : autosave.status === 'saving'
        ? te('save.saving')
        : autosave.status === 'error'
          ? te('save.failed')
          : te('save.pending');

  return (
    <div ref={editorRef} className={editable ? styles.editor : `${styles.editor} ${styles.readOnly}`}>
      <div className={styles.toolbar} role="toolbar" aria-label={te('toolbar')}>
        {editable ? (
          <>
            {[
              { label: te('undo'), disabled: !canUndo, onClick: () => step('undo') },
              { label: te('redo'), disabled: !canRedo, onClick: () => step('redo') },
              { label: te('arrange'), disabled: nodes.length === 0, onClick: arrange },
            ].map((action) => (
              <button
                key={action.label}
                type="button"
                className={`${ui.button} ${ui.small}`}
                disabled={action.disabled}
                onClick={action.onClick}
              >
                {action.label}
              </button>
            ))}
          </>
        ) : (
          <p className={styles.readOnlyNote}>
            {scenario.status === 'archived' ? te('readOnlyArchived') : te('readOnly')}
          </p>
        )}
        {scenario.currentVersion ? (
          <StatsBar
            scenarioId={scenario.id}
            versions={versions}
            currentVersion={scenario.currentVersion}
            initiallyShown={statsShownFromStart(scenario.status)}
          />
        ) : null}
        <span className={styles.toolbarSpacer} />
        {editable ? (
          <>
            <p
              className={styles.saveStatus}
              data-status={saveError ? 'error' : autosave.status}
              role="status"
            >
              {status}
            </p>
            <button
              type="button"
              className={`${ui.button} ${ui.primary}`}
              onClick={() => {
                setPublishError(null);
                setPublishOpen(true);
              }}
            >
              {te('publish.open')}
            </button>
          </>
        ) : null}
      </div>

      <div className={styles.workspace}>
        {editable ? <Palette catalog={catalog} onAdd={addInTheMiddle} /> : null}

        <section
          ref={canvasRef}
          className={styles.canvas}
          aria-label={te('canvasLabel', { name: scenario.name })}
          onDragOver={(event) => {
            if (!editable) return;
            event.preventDefault();
            event.dataTransfer.dropEffect = 'move';
          }}
          onDrop={editable ? onDrop : undefined}
        >
          <ReactFlow
            nodes={nodes}
            edges={edges}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onConnectEnd={onConnectEnd}
            isValidConnection={isValidConnection}
            {...flowDefaults}
            nodesDraggable={editable}
            nodesConnectable={editable}
            edgesFocusable
            deleteKeyCode={editable ? ['Backspace', 'Delete'] : null}
            onNodeClick={() => setTab('step')}
            // Framing an empty canvas would jump to the first step dropped on it.
            fitView={initial.nodes.length > 0}
            defaultEdgeOptions={{ type: 'smoothstep' }}
          >
            <CanvasChrome />
          </ReactFlow>
          {nodes.length === 0 ? (
            <p className={styles.emptyCanvas}>{editable ? te('emptyCanvas') : te('emptyCanvasReadOnly')}</p>
          ) : null}
        </section>

        <aside className={styles.inspector} aria-label={te('inspector')}>
          <Tabs
            label={te('inspector')}
            selected={tab}
            onSelect={(id) => setTab(id as typeof tab)}
            tabs={[
              { id: 'step', name: te('tabs.step'), label: te('tabs.step') },
              {
                id: 'problems',
                name: te('tabs.problemsName', { count: problemCount }),
                label: (
                  <>
                    {te('tabs.problems')}
                    <span className={styles.count} data-zero={problemCount === 0 || undefined}>
                      {problemCount}
                    </span>
                  </>
                ),
              },
              { id: 'test', name: tTest('tab'), label: tTest('tab') },
              { id: 'versions', name: te('tabs.versions'), label: te('tabs.versions') },
            ]}
          >
            {tab === 'step' ? (
              selected ? (
                <NodePanel
                  key={selected.id}
                  node={selected}
                  catalog={catalog}
                  editable={editable}
                  fieldErrors={configFieldErrors(validation?.errors ?? [], selected.id)}
                  connections={connections}
                  targets={targets}
                  onConfig={(config) => updateSelected({ config })}
                  onLabel={(label) => updateSelected({ label })}
                  onConnectPort={connectPort}
                  onDelete={() => deleteNodes([selected.id])}
                />
              ) : selectedNodes.length > 1 ? (
                <div className={styles.nodePanel}>
                  <p>{te('multiSelected', { count: selectedNodes.length })}</p>
                  {editable ? (
                    <button
                      type="button"
                      className={`${ui.button} ${ui.danger}`}
                      onClick={() => deleteNodes(selectedNodes.map((node) => node.id))}
                    >
                      {te('deleteSelected', { count: selectedNodes.length })}
                    </button>
                  ) : null}
                </div>
              ) : (
                <p className={styles.hint}>{editable ? te('noSelection') : te('noSelectionReadOnly')}</p>
              )
            ) : tab === 'problems' ? (
              <ProblemsPanel
                issues={validation?.errors ?? []}
                nameOf={nameOf}
                sourceOf={(edgeId) => edges.find((edge) => edge.id === edgeId)?.source}
                onShow={showNode}
                checking={autosave.status !== 'saved'}
              />
            ) : tab === 'test' ? (
              <DryRunPanel
                scenarioId={scenario.id}
                versions={versions}
                currentVersion={scenario.currentVersion}
                nameOf={nameOf}
              />
            ) : (
              <VersionsPanel scenarioId={scenario.id} versions={versions} current={scenario.currentVersion} />
            )}
          </Tabs>
        </aside>
      </div>

      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {editable ? (
        <PublishDialog
          open={publishOpen}
          onClose={() => setPublishOpen(false)}
          diff={diff}
          nextVersion={nextVersion}
          problemCount={problemCount}
          nameOf={nameOfGraphNode}
          publishing={publishing}
          error={publishError}
          onConfirm={() => void confirmPublish()}
        />
      ) : null}
    </div>
  );
}

function connectables(nodes: CanvasNode[]) {
  return nodes.map((node) => ({ id: node.id, ports: node.data.ports, hasInput: node.data.hasInput }));
}

function liveEdges(edges: Edge[]) {
  return edges.map((edge) => ({
    source: edge.source,
    sourcePort: edge.sourceHandle ?? 'out',
    target: edge.target,
  }));
}
