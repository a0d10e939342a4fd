/**
 * Place labels as crisp HTML over the canvas, decluttered on screen: when the camera moves,
 * labels are placed greedily in priority order and any that would overlap one already placed
 * is hidden. The work is per label (tens), never per aircraft, and only when the view changes.
 */
import { useFrame, useThree } from '@react-three/fiber';
import { useMemo, type RefObject } from 'react';
import { Vector3, type Camera } from 'three';
import { useApp } from '../app/store.ts';
import { THEATRES, project } from '../geo/projection.ts';
import { useRecordTexts, useTranslation } from '../i18n/hooks.ts';
import type { CampaignFile } from '../records/schema.ts';
import type { Place, Theatre } from '../records/schema.ts';

export interface MarkedPlace {
  place: Place;
  role: 'base' | 'target' | 'place';
  /** Higher is placed first. */
  priority: number;
}

/** The DOM side: one span per place, positioned by LabelProjector. */
export function PlaceLabelLayer({ places, layer }: { places: MarkedPlace[]; layer: RefObject<HTMLDivElement | null> }) {
  const records = useApp(activeRecords);
  return (
    <div ref={layer} className="place-labels" aria-hidden="true">
      {records ? (
        <TranslatedLabels places={places} records={records} />
      ) : (
        <Labels places={places} name={(p) => p.name} note={(p) => p.note} />
      )}
    </div>
  );
}

/** The records of the campaign on screen, whose places the scene labels. */
const activeRecords = (s: ReturnType<typeof useApp.getState>): CampaignFile | null => {
  const entry = s.entries.find((e) => e.file === s.activeFile);
  return entry?.status === 'ready' ? entry.campaign.records : null;
};

/** Place names in the interface language: exonyms where a language has them (Braunschweig, 평양). */
function TranslatedLabels({ places, records }: { places: MarkedPlace[]; records: CampaignFile }) {
  const names = useRecordTexts(records);
  return <Labels places={places} name={names.place} note={(p) => names.note(p)?.text} />;
}

/** Each label names its place; a schematic place's note is its tooltip (why the position is approximate). */
function Labels({
  places,
  name,
  note,
}: {
  places: MarkedPlace[];
  name: (p: Place) => string;
  note: (p: Place) => string | undefined;
}) {
  return (
    <>
      {places.map(({ place, role }) => (
        <span key={place.id} className={`place-label place-label--${role}`} title={place.schematic ? note(place) : undefined}>
          {name(place)}
          {place.schematic ? ' *' : ''}
        </span>
      ))}
    </>
  );
}

/** The scene side: projects and declutters the labels whenever the view changes. */
export function LabelProjector({
  theatre,
  places,
  layer,
}: {
  theatre: Theatre;
  places: MarkedPlace[];
  layer: RefObject<HTMLDivElement | null>;
}) {
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  // Another language gives the labels other widths: measure them afresh.
  const { i18n } = useTranslation();
  const language = i18n.language;
  const layout = useMemo(() => createLabelLayout(theatre, places, language), [theatre, places, language]);
  useFrame(() => {
    if (layer.current) layoutLabels(layout, layer.current, camera, size.width, size.height);
  });
  return null;
}

type LabelLayout = ReturnType<typeof createLabelLayout>;

function createLabelLayout(theatre: Theatre, places: MarkedPlace[], language: string) {
  const frame = THEATRES[theatre];
  return {
    order: places.map((_, i) => i).sort((a, b) => places[b]!.priority - places[a]!.priority),
    world: places.map(({ place }) => {
      const [x, z] = project(frame, place.lat, place.lon);
      return new Vector3(x, 0.6, z);
    }),
    rects: new Float32Array(places.length * 4),
    widths: new Float32Array(places.length),
    lastView: new Float64Array(18),
    v: new Vector3(),
    language,
  };
}

function layoutLabels(layout: LabelLayout, el: HTMLElement, camera: Camera, width: number, height: number) {
  const m = camera.matrixWorld.elements;
  const last = layout.lastView;
  let changed = last[16] !== width || last[17] !== height;
  for (let i = 0; i < 16 && !changed; i++) changed = last[i] !== m[i];
  if (!changed) return;
  last.set(m);
  last[16] = width;
  last[17] = height;

  const { v, rects, widths } = layout;
  const spans = el.children;
  let placed = 0;
  for (const i of layout.order) {
    const span = spans[i] as HTMLElement | undefined;
    if (!span) continue;
    if (widths[i] === 0) widths[i] = span.offsetWidth || 80;
    v.copy(layout.world[i]!).project(camera);
    const x = (v.x * 0.5 + 0.5) * width;
    const y = (-v.y * 0.5 + 0.5) * height;
    const w = widths[i]!;
    const left = x - w / 2;
    const top = y - 22;
    let visible = v.z < 1 && x > -w && x < width + w && y > 0 && y < height + 20;
    for (let k = 0; k < placed && visible; k++) {
      const r = k * 4;
      if (left < rects[r + 2]! && left + w > rects[r]! && top < rects[r + 3]! && top + 16 > rects[r + 1]!) visible = false;
    }
    if (visible) {
      const r = placed++ * 4;
      rects[r] = left - 4;
      rects[r + 1] = top - 2;
      rects[r + 2] = left + w + 4;
      rects[r + 3] = top + 18;
      span.style.transform = `translate(${left.toFixed(1)}px, ${top.toFixed(1)}px)`;
    }
    span.style.visibility = visible ? 'visible' : 'hidden';
  }
}
