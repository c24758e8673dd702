'use client';

import { useTranslations } from 'next-intl';
import { type DragEvent, memo, useId, useMemo, useState } from 'react';
import { typeDescription, typeTitle } from '../canvas/build-flow';
import { resolveIcon } from '../canvas/nodes/components';
import type { CatalogEntry, NodeCatalog } from '../canvas/types';
import styles from './editor.module.css';

/** The drag-and-drop payload: a node type. */
export const NODE_TYPE_MIME = 'application/x-parcours-node-type';

const CATEGORY_ORDER = ['triggers', 'flow', 'conditions', 'messages', 'actions'];

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

interface PaletteProps {
  catalog: NodeCatalog;
  /** Adds a node of the type in the middle of the canvas (keyboard, click). */
  onAdd(type: string): void;
}

/**
 * The node types of the catalog by category, searchable; drag one onto the canvas or press it.
 * Memoised: the editor re-renders on every move of a dragged node, the palette need not.
 */
export const Palette = memo(function Palette({ catalog, onAdd }: PaletteProps) {
  const t = useTranslations('editor.palette');
  const tc = useTranslations('canvas');
  const [query, setQuery] = useState('');
  const headingId = useId();
  const hintId = useId();

  const groups = useMemo(() => {
    const words = fold(query).split(/\s+/).filter(Boolean);
    const described = Object.values(catalog).map((entry) => ({
      entry,
      title: typeTitle(entry.type, catalog, tc),
      description: typeDescription(entry.type, catalog, tc),
    }));
    const matching = described.filter(({ entry, title, description }) => {
      const haystack = fold(`${title} ${description} ${entry.type}`);
      return words.every((word) => haystack.includes(word));
    });
    const categories = [...new Set(matching.map(({ entry }) => entry.category))].sort(
      (a, b) => rank(a) - rank(b) || a.localeCompare(b),
    );
    return categories.map((category) => ({
      category,
      items: matching.filter(({ entry }) => entry.category === category),
    }));
  }, [catalog, query, tc]);

  const onDragStart = (event: DragEvent, entry: CatalogEntry) => {
    event.dataTransfer.setData(NODE_TYPE_MIME, entry.type);
    event.dataTransfer.effectAllowed = 'move';
  };

  return (
    <aside className={styles.palette} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.panelTitle}>
        {t('title')}
      </h2>
      <input
        type="search"
        className={styles.search}
        placeholder={t('search')}
        aria-label={t('search')}
        aria-describedby={hintId}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <p id={hintId} className={styles.hint}>
        {t('hint')}
      </p>
      <div className={styles.paletteGroups}>
        {groups.length === 0 ? <p className={styles.hint}>{t('noMatch')}</p> : null}
        {groups.map(({ category, items }) => (
          <section
            key={category}
            aria-label={t.has(`categories.${category}`) ? t(`categories.${category}`) : category}
          >
            <h3 className={styles.category}>
              {t.has(`categories.${category}`) ? t(`categories.${category}`) : category}
            </h3>
            <ul className={styles.paletteList}>
              {items.map(({ entry, title, description }) => {
                const Icon = resolveIcon(entry.type, entry.kind, entry.icon);
                return (
                  <li key={entry.type}>
                    <button
                      type="button"
                      draggable
                      className={styles.paletteItem}
                      data-kind={entry.kind}
                      aria-label={title}
                      aria-describedby={`palette-${entry.type}`}
                      title={description}
                      onDragStart={(event) => onDragStart(event, entry)}
                      onClick={() => onAdd(entry.type)}
                    >
                      <span className={styles.paletteIcon} aria-hidden="true">
                        <Icon />
                      </span>
                      <span className={styles.paletteText}>
                        <span className={styles.paletteTitle}>{title}</span>
                        <span id={`palette-${entry.type}`} className={styles.paletteDescription}>
                          {description}
                        </span>
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  );
});

function rank(category: string): number {
  const index = CATEGORY_ORDER.indexOf(category);
  return index === -1 ? CATEGORY_ORDER.length : index;
}
