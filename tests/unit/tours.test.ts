/**
 * Guided tours and the kiosk's settings: the shipped files are valid against the campaigns they
 * play, their captions state no figure the records do not hold, bad files are refused with
 * `file: JSON path: reason`; and the kiosk's camera moves and key guards behave.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { THEATRES } from '../../src/geo/projection.ts';
import { compileFlightPlan } from '../../src/motion/compile.ts';
import { aircraftPose, createPose, DEFAULT_VERTICAL_EXAGGERATION } from '../../src/motion/flight.ts';
import { loadCampaignText } from '../../src/records/load.ts';
import type { CampaignFile } from '../../src/records/schema.ts';
import { loadTourJson, loadTourText, type TourContext, type TourFile } from '../../src/tours/schema.ts';
import { DEFAULT_CONFIG, applyTestHooks, parseKioskConfig } from '../../src/kiosk/config.ts';
import { createCameraPath, sampleCameraPath, setCameraPath, type PoseOut } from '../../src/kiosk/cameraPath.ts';
import { TourDirector, prepareTour } from '../../src/kiosk/director.ts';
import { blockedKey } from '../../src/kiosk/guards.ts';
import type { DirectedFrame } from '../../src/scene/cameraDirector.ts';
import { setTerrainStats } from '../../src/scene/frameState.ts';
import { createClock } from '../../src/timeline/clock.ts';
import { PerspectiveCamera, Vector3 } from 'three';
import { kioskRequested } from '../../src/kiosk/mode.ts';

const dataDir = new URL('../../data/', import.meta.url);
const tourDir = new URL('../../data/tours/', import.meta.url);
const tourFiles = readdirSync(tourDir).filter((f) => f.endsWith('.json'));

interface Loaded {
  records: CampaignFile;
  text: string;
  context: TourContext;
  plan: ReturnType<typeof compileFlightPlan>;
}

/** Each bundled campaign with what a tour is checked against (compiled once: Korea's flows take a moment). */
const campaigns = new Map<string, Loaded>();
for (const file of readdirSync(dataDir).filter((f) => f.endsWith('.json'))) {
  const text = readFileSync(new URL(file, dataDir), 'utf8');
  const result = loadCampaignText(file, text);
  if (!result.ok) continue;
  const records = result.records;
  const plan = compileFlightPlan(records, THEATRES[records.campaign.theatre]);
  const periods = records.periods;
  // As the app's campaign clock (App.tsx): the first period's start to the last landing or period end.
  const lastLanding = plan.epochMs + (plan.sortedEnds[plan.sortedEnds.length - 1] ?? 0) * 1000;
  const context: TourContext = {
    campaignId: records.campaign.id,
    startMs: Date.parse(periods[0]!.start),
    endMs: Math.max(Date.parse(periods[periods.length - 1]!.end), lastLanding),
    forces: new Set(plan.forces.map((f) => f.forceId)),
  };
  campaigns.set(records.campaign.id, { records, text, context, plan });
}

function readTour(file: string): TourFile {
  return JSON.parse(readFileSync(new URL(file, tourDir), 'utf8')) as TourFile;
}

describe('shipped tours', () => {
  it('ships a Big Week tour and a Korea tour', () => {
    const played = tourFiles.map((f) => readTour(f).campaign).sort();
    expect(played).toEqual(['big-week-1944', 'korea-1951-strangle']);
  });

  it.each(tourFiles)('%s is valid against its campaign', (file) => {
    const tour = readTour(file);
    const campaign = campaigns.get(tour.campaign);
    expect(campaign, `campaign ${tour.campaign}`).toBeDefined();
    const result = loadTourText(file, readFileSync(new URL(file, tourDir), 'utf8'), campaign!.context);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('the Korea tour speaks Chinese and Korean too; every tour English and German', () => {
    for (const file of tourFiles) {
      const tour = readTour(file);
      expect(tour.languages).toEqual(expect.arrayContaining(['en', 'de']));
      if (tour.campaign === 'korea-1951-strangle') expect(tour.languages).toEqual(expect.arrayContaining(['zh', 'ko']));
    }
  });

  it.each(tourFiles)('%s states no figure the campaign records do not hold', (file) => {
    const tour = readTour(file);
    const known = numbersIn(campaigns.get(tour.campaign)!.text);
    const unknown: string[] = [];
    const check = (where: string, text: string | undefined) => {
      for (const n of numbersIn(text ?? '')) if (!known.has(n)) unknown.push(`${where}: ${n}`);
    };
    for (const lang of tour.languages) check(`title.${lang}`, tour.title[lang]);
    tour.chapters.forEach((c, i) => {
      for (const lang of tour.languages) {
        check(`chapters[${i}].title.${lang}`, c.title[lang]);
        check(`chapters[${i}].caption.${lang}`, c.caption[lang]);
      }
    });
    expect(unknown).toEqual([]);
  });

  it.each(tourFiles)('%s: a followed force is in the air while its chapter follows it', (file) => {
    const tour = readTour(file);
    const { plan } = campaigns.get(tour.campaign)!;
    for (const chapter of tour.chapters) {
      if (!chapter.follow) continue;
      const force = plan.forces.find((f) => f.forceId === chapter.follow!.force)!;
      const start = (Date.parse(chapter.start) - plan.epochMs) / 1000;
      const end = (Date.parse(chapter.end) - plan.epochMs) / 1000;
      const pose = createPose();
      for (let k = 0; k <= 10; k++) {
        const t = start + ((end - start) * k) / 10;
        aircraftPose(plan.routes, plan.instances, force.firstInstance, t, 1, pose, DEFAULT_VERTICAL_EXAGGERATION);
        expect(pose.visible, `${chapter.id} at ${k * 10}%`).toBe(true);
      }
    }
  });

  it('chapters of a tour follow each other in time', () => {
    for (const file of tourFiles) {
      const tour = readTour(file);
      tour.chapters
        .slice(1)
        .forEach((c, i) =>
          expect(Date.parse(c.start), `${file} ${c.id}`).toBeGreaterThanOrEqual(Date.parse(tour.chapters[i]!.end)),
        );
    }
  });
});

describe('tour validation refuses bad files with file: JSON path: reason', () => {
  const good = () => readTour('big-week.json');
  const context = () => campaigns.get('big-week-1944')!.context;
  const problems = (json: unknown, withContext = true) => {
    const r = loadTourJson('t.json', json, withContext ? context() : undefined);
    return r.ok ? [] : r.problems;
  };

  it('accepts the shipped tour as a baseline', () => {
    expect(problems(good())).toEqual([]);
  });

  it('names a missing German caption', () => {
    const t = good();
    delete t.chapters[1]!.caption.de;
    expect(problems(t)).toEqual([`t.json: chapters[1].caption.de: missing (the tour's languages include "de")`]);
  });

  it('names an unknown field, a bad time and a language the app does not have', () => {
    const t = good() as unknown as Record<string, unknown> & TourFile;
    (t.chapters[0] as unknown as Record<string, unknown>).zoom = 2;
    t.chapters[1]!.start = '20 Feb 1944 10:15';
    (t.title as Record<string, string>).fr = 'La grande semaine';
    const p = problems(t);
    expect(p).toContain('t.json: chapters[0]: unknown field "zoom"');
    expect(p).toContain(
      't.json: chapters[1].start: "20 Feb 1944 10:15" is not an ISO instant with its UTC offset, e.g. "1944-02-20T13:40:00+01:00"',
    );
    expect(p).toContain('t.json: title: unknown field "fr" (the app\'s languages: en, de, zh, ko)');
  });

  it('refuses keyframes out of order, a camera too close or too flat, and a chapter too fast to read', () => {
    const t = good();
    const k = t.chapters[0]!.keyframes!;
    k[1]!.at = 0;
    k[0]!.position = [-60, 0.5, -200.5];
    t.chapters[2]!.speed = 100000;
    t.chapters[3]!.keyframes![0]!.position = [300, 10, 900];
    const p = problems(t);
    expect(p).toContain("t.json: chapters[0].keyframes[1].at: 0 must be after the previous keyframe's 0");
    expect(p.some((m) => m.startsWith('t.json: chapters[0].keyframes[0]: camera is 0.7 km from its target'))).toBe(true);
    expect(p.some((m) => m.startsWith('t.json: chapters[2].speed: plays the chapter in 0.1 s'))).toBe(true);
    expect(p.some((m) => m.startsWith('t.json: chapters[3].keyframes[0]: camera is') && m.includes('from overhead'))).toBe(true);
  });

  it('needs keyframes or a force to follow, and the force must exist', () => {
    const t = good();
    delete t.chapters[0]!.keyframes;
    t.chapters[1]!.follow!.force = 'm999-nobody';
    const p = problems(t);
    expect(p).toContain('t.json: chapters[0]: needs either "keyframes" or "follow" (one of them, not both)');
    expect(p).toContain('t.json: chapters[1].follow.force: "m999-nobody" is not a force of big-week-1944');
  });

  it('keeps chapters on the campaign clock and tours on their campaign', () => {
    const t = good();
    t.chapters[0]!.start = '1944-03-20T08:15:00+01:00';
    t.campaign = 'korea-1951-strangle';
    const p = problems(t);
    expect(p).toContain('t.json: campaign: "korea-1951-strangle" is not the campaign checked against ("big-week-1944")');
    expect(p).toContain("t.json: chapters[0].start: 1944-03-20T08:15:00+01:00 is outside the campaign's clock");
  });

  it('reports broken JSON and a missing format', () => {
    const broken = loadTourText('t.json', '{"id": ');
    expect(broken.ok ? [] : broken.problems[0]).toMatch(/^t\.json: \(root\): not valid JSON/);
    const t = good() as Partial<TourFile>;
    delete t.format;
    expect(problems(t)).toEqual(['t.json: format: missing (must be "sortie-tour/1")']);
  });
});

describe('kiosk.json', () => {
  const shipped = readFileSync(new URL('../../public/config/kiosk.json', import.meta.url), 'utf8');

  it('the shipped settings are valid and name shipped tours and campaigns', () => {
    const { config, problems } = parseKioskConfig(shipped);
    expect(problems).toEqual([]);
    const tourIds = tourFiles.map((f) => readTour(f).id);
    expect(tourIds).toEqual(expect.arrayContaining(config.tours));
    for (const id of config.campaigns) expect(campaigns.has(id), id).toBe(true);
    for (const file of tourFiles) expect(config.campaigns).toContain(readTour(file).campaign);
    expect(config.idleTimeoutSeconds).toBe(90);
    expect(config.countdownSeconds).toBe(10);
  });

  it('fills in the defaults: 90 s idle, 10 s countdown, every language, English first', () => {
    const { config, problems } = parseKioskConfig('{"format": "sortie-kiosk/1", "title": {"en": "Museum"}}');
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ idleTimeoutSeconds: 90, countdownSeconds: 10, defaultLanguage: 'en', logo: null });
    expect(config.languages).toEqual(['en', 'de', 'zh', 'ko']);
  });

  it('names each problem and falls back to the defaults', () => {
    const { config, problems } = parseKioskConfig(
      JSON.stringify({
        format: 'sortie-kiosk/1',
        title: { en: 'Museum' },
        logo: 'https://example.org/logo.png',
        idleTimeoutSeconds: 5,
        languages: ['en', 'fr'],
        defaultLanguage: 'de',
        extra: true,
      }),
    );
    expect(config).toBe(DEFAULT_CONFIG);
    expect(problems).toContain('kiosk.json: (root): unknown field "extra"');
    expect(problems).toContain('kiosk.json: idleTimeoutSeconds: 5 is below the minimum 15');
    expect(problems.some((p) => p.startsWith('kiosk.json: logo: must be a path on this site'))).toBe(true);
    expect(problems).toContain('kiosk.json: languages[1]: must be "en" or "de" or "zh" or "ko", got "fr"');
    expect(parseKioskConfig('{').problems[0]).toMatch(/^kiosk\.json: \(root\): not valid JSON/);
  });

  it('a default language must be offered', () => {
    const { problems } = parseKioskConfig(
      '{"format": "sortie-kiosk/1", "title": {"en": "M"}, "languages": ["en"], "defaultLanguage": "de"}',
    );
    expect(problems).toEqual(['kiosk.json: defaultLanguage: "de" is not among "languages"']);
  });

  it('test hooks shorten the waits only when asked', () => {
    expect(applyTestHooks(DEFAULT_CONFIG, '?mode=kiosk')).toEqual(DEFAULT_CONFIG);
    expect(applyTestHooks(DEFAULT_CONFIG, '?mode=kiosk&soak=1')).toMatchObject({
      testRun: true,
      idleTimeoutSeconds: 0.3,
      countdownSeconds: 0.3,
      tourTimeScale: 8,
    });
    expect(applyTestHooks(DEFAULT_CONFIG, '?idle=2.5&countdown=3&tourScale=4')).toMatchObject({
      idleTimeoutSeconds: 2.5,
      countdownSeconds: 3,
      tourTimeScale: 4,
      testRun: true,
    });
    expect(applyTestHooks(DEFAULT_CONFIG, '?idle=-1&countdown=x')).toMatchObject({
      idleTimeoutSeconds: 90,
      countdownSeconds: 10,
    });
  });

  it('kiosk mode from ?mode=kiosk or the /kiosk path', () => {
    expect(kioskRequested({ search: '?mode=kiosk', pathname: '/' })).toBe(true);
    expect(kioskRequested({ search: '', pathname: '/kiosk' })).toBe(true);
    expect(kioskRequested({ search: '', pathname: '/kiosk/' })).toBe(true);
    expect(kioskRequested({ search: '?mode=explore', pathname: '/' })).toBe(false);
    expect(kioskRequested({ search: '', pathname: '/kiosks' })).toBe(false);
  });

  it('the kiosk texts have the same keys in every language', () => {
    const keys = (lang: string) =>
      Object.keys(
        JSON.parse(readFileSync(new URL(`../../src/i18n/locales/${lang}/kiosk.json`, import.meta.url), 'utf8')) as object,
      ).sort();
    for (const lang of ['de', 'zh', 'ko']) expect(keys(lang), lang).toEqual(keys('en'));
  });
});

describe('camera path', () => {
  const out = (): PoseOut => ({ position: { x: 0, y: 0, z: 0 }, target: { x: 0, y: 0, z: 0 } });
  const keys = [
    { at: 0, position: [0, 100, 100], target: [0, 0, 0] },
    { at: 0.5, position: [100, 200, 100], target: [50, 0, 0] },
    { at: 1, position: [200, 100, 100], target: [100, 0, 0] },
  ];

  it('passes through every keyframe, at rest at both ends', () => {
    const path = createCameraPath();
    setCameraPath(path, keys, null);
    const p = out();
    for (const k of keys) {
      sampleCameraPath(path, k.at, false, p);
      expect([p.position.x, p.position.y, p.position.z]).toEqual(k.position);
      expect([p.target.x, p.target.y, p.target.z]).toEqual(k.target);
    }
    const q = out();
    sampleCameraPath(path, 0.001, false, p);
    sampleCameraPath(path, 0.5, false, q);
    // Eases out of the first key: after 0.1% of the chapter it has barely moved.
    expect(p.position.x).toBeLessThan(0.01);
    sampleCameraPath(path, 0.999, false, p);
    expect(200 - p.position.x).toBeLessThan(0.01);
  });

  it('moves smoothly through a middle keyframe (no stop, no jump)', () => {
    const path = createCameraPath();
    setCameraPath(path, keys, null);
    const a = out();
    const b = out();
    sampleCameraPath(path, 0.499, false, a);
    sampleCameraPath(path, 0.501, false, b);
    expect(b.position.x - a.position.x).toBeGreaterThan(0.2);
    expect(b.position.x - a.position.x).toBeLessThan(1);
  });

  it('flies from the camera pose at the chapter start when the first keyframe comes later', () => {
    const path = createCameraPath();
    const start = { position: { x: -500, y: 900, z: 0 }, target: { x: -500, y: 0, z: 0 } };
    setCameraPath(path, keys.slice(1), start);
    const p = out();
    sampleCameraPath(path, 0, false, p);
    expect(p.position.x).toBe(-500);
    sampleCameraPath(path, 0.5, false, p);
    expect(p.position.x).toBe(100);
  });

  it('cuts instead of flying when motion is reduced', () => {
    const path = createCameraPath();
    setCameraPath(path, keys, null);
    const p = out();
    sampleCameraPath(path, 0.49, true, p);
    expect(p.position.x).toBe(0);
    sampleCameraPath(path, 0.5, true, p);
    expect(p.position.x).toBe(100);
  });
});

describe('tour director', () => {
  const tour = readTour('big-week.json');
  const { plan, records } = { plan: campaigns.get('big-week-1944')!.plan, records: campaigns.get('big-week-1944')!.records };
  const seconds = (iso: string) => (Date.parse(iso) - plan.epochMs) / 1000;
  const frameFor = (campaignId = 'big-week-1944') => {
    const clock = createClock(seconds(records.periods[0]!.start), seconds(records.periods[records.periods.length - 1]!.end));
    clock.speed = 600;
    const frame = {
      camera: new PerspectiveCamera(),
      controls: { target: new Vector3(), enabled: true, touches: { ONE: 1, TWO: 3 } },
      campaign: { records: { campaign: { id: campaignId } }, plan },
      clock,
      uniforms: { uScale: { value: 1 }, uVertical: { value: 6 } },
      delta: 0.1,
    };
    return frame as unknown as DirectedFrame & { camera: PerspectiveCamera };
  };
  const setup = (active = () => true) => {
    const calls: string[] = [];
    const director = new TourDirector(
      [prepareTour(tour)],
      1,
      {
        showCampaign: (id) => calls.push(`show ${id}`),
        chapterStarted: (t, c) => calls.push(`chapter ${t}.${c}`),
        progress: () => {},
      },
      active,
    );
    return { director, calls };
  };

  it('puts the clock in the chapter, flies the camera through its keyframes, then plays the next chapter', () => {
    setTerrainStats({ drawn: 1, cached: 1, loading: 0, complete: true });
    const { director, calls } = setup();
    director.startTour(0);
    const frame = frameFor();
    const first = tour.chapters[0]!;
    director.direct(frame);
    expect(frame.clock.time).toBe(seconds(first.start));
    expect(frame.clock.speed).toBe(first.speed);
    expect(frame.clock.playing).toBe(true);
    // At the first keyframe, eased: after one frame it has hardly moved.
    expect(frame.camera.position.distanceTo(new Vector3(...first.keyframes![0]!.position))).toBeLessThan(0.5);
    // One finger orbits, two pinch and pan.
    expect(frame.controls!.touches).toEqual({ ONE: 0, TWO: 2 });

    const duration = (Date.parse(first.end) - Date.parse(first.start)) / 1000 / first.speed;
    for (let t = 0; t < duration / 2; t += 0.1) director.direct(frame);
    const half = frame.camera.position.clone();
    expect(half.distanceTo(new Vector3(...first.keyframes![0]!.position))).toBeGreaterThan(10);
    for (let t = duration / 2; t < duration + 0.2; t += 0.1) director.direct(frame);
    expect(director.chapterIndex).toBe(1);
    expect(calls).toEqual(['chapter 0.0', 'chapter 0.1']);
    expect(frame.clock.time).toBe(seconds(tour.chapters[1]!.start));
  });

  it("asks for the tour's campaign and waits for it; leaves camera and clock alone during a visit", () => {
    let attract = true;
    const { director, calls } = setup(() => attract);
    director.startTour(0);
    const other = frameFor('korea-1951-strangle');
    director.direct(other);
    director.direct(other);
    expect(calls).toEqual(['chapter 0.0', 'show big-week-1944']);
    expect(other.clock.time).toBe(other.clock.start);

    attract = false;
    const frame = frameFor();
    frame.camera.position.set(1, 2, 3);
    director.direct(frame);
    expect(frame.camera.position.toArray()).toEqual([1, 2, 3]);
    expect(frame.clock.playing).toBe(false);
  });

  it('holds a new scene still until its terrain is in', () => {
    setTerrainStats({ drawn: 0, cached: 0, loading: 4, complete: false });
    const { director } = setup();
    director.startTour(0);
    const frame = frameFor();
    director.direct(frame);
    director.direct(frame);
    expect(frame.clock.playing).toBe(false);
    setTerrainStats({ drawn: 4, cached: 4, loading: 0, complete: true });
    director.direct(frame);
    expect(frame.clock.playing).toBe(true);
    setTerrainStats(null);
  });
});

describe('kiosk key guards', () => {
  const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) =>
    blockedKey({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

  it('blocks zoom, reload, print, history and developer tools; lets the app have its keys', () => {
    expect(key('+', { ctrlKey: true })).toBe(true);
    expect(key('0', { ctrlKey: true })).toBe(true);
    expect(key('R', { ctrlKey: true })).toBe(true);
    expect(key('p', { metaKey: true })).toBe(true);
    expect(key('ArrowLeft', { altKey: true })).toBe(true);
    expect(key('I', { ctrlKey: true, shiftKey: true })).toBe(true);
    expect(key('F5')).toBe(true);
    expect(key('F12')).toBe(true);
    expect(key('ArrowLeft')).toBe(false);
    expect(key(' ')).toBe(false);
    expect(key('Enter')).toBe(false);
    expect(key('c', { ctrlKey: true })).toBe(false);
  });
});

/** Every figure in a text, thousands separators removed and decimal commas made points: "3.000" and "3,000" → "3000". */
function numbersIn(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\d{1,3}(?:[,.\u202f\u00a0]\d{3})+(?![\d])|\d+(?:[.,]\d+)?/g)) {
    const s = m[0];
    if (/^\d{1,3}(?:[,.\u202f\u00a0]\d{3})+$/.test(s)) out.add(s.replace(/[,.\u202f\u00a0]/g, ''));
    else out.add(s.replace(',', '.'));
  }
  return out;
}
