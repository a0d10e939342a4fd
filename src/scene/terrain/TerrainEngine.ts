/**
 * Terrain tiles chosen by screen-space error, loaded lazily, cached with a bound and disposed
 * when evicted. A plain class under a thin R3F wrapper (Terrain.tsx): it owns a Group whose
 * children are the tiles to draw this frame.
 */
import { decode } from 'fast-png';
import {
  Box3,
  BufferGeometry,
  DataTexture,
  DoubleSide,
  Float32BufferAttribute,
  Frustum,
  GLSL3,
  Group,
  LinearFilter,
  Matrix4,
  Mesh,
  RGBAFormat,
  ShaderMaterial,
  UnsignedByteType,
  Vector3,
  type PerspectiveCamera,
} from 'three';
import { tileKey, tileRect, type TerrainIndex, type TerrainTileInfo } from '../../geo/terrainIndex.ts';
import { MESH_STRIDE, terrainFragmentShader, terrainVertexShader } from './terrainShader.ts';

/** Refine a tile while its geometric error would cover more than this many pixels (at full quality). */
export const MAX_ERROR_PX = 6;
/** The bound in force, shared by every engine: adaptive quality raises it on a weak GPU. */
let maxErrorPx = MAX_ERROR_PX;

/**
 * Sets the screen-space error bound, pixels (MAX_ERROR_PX at full quality; larger draws fewer,
 * coarser tiles). Engines reselect their tiles on their next update.
 */
export function setTerrainErrorPx(px: number): void {
  if (Number.isFinite(px) && px > 0) maxErrorPx = px;
}

export function terrainErrorPx(): number {
  return maxErrorPx;
}
/** Tiles kept in memory at most (each ~67 kB of texture): a whole 4-level pyramid is 85. */
const CACHE_TILES = 128;
/** Tiles fetched at once. */
const MAX_LOADS = 6;
/** A tile not drawn for this long is released, so memory returns to what the view needs. */
const IDLE_RELEASE_MS = 3000;

export interface TerrainUniforms {
  uVertical: { value: number };
  uSun: { value: Vector3 };
  uDaylight: { value: number };
}

interface TileState {
  info: TerrainTileInfo;
  box: Box3;
  /** Ground distance between mesh vertices, km: the tile's geometric error. */
  error: number;
  mesh: Mesh | null;
  loading: boolean;
  failed: boolean;
  lastUsed: number;
  /** performance.now() when last drawn. */
  lastDrawnMs: number;
  /** In the current selection. */
  inView: boolean;
  /** The four tiles of the next level, linked once so selection allocates nothing. */
  children: TileState[];
}

export interface TerrainStats {
  drawn: number;
  cached: number;
  loading: number;
  /** Every tile the current view wants is loaded. */
  complete: boolean;
}

export class TerrainEngine {
  readonly group = new Group();
  readonly stats: TerrainStats = { drawn: 0, cached: 0, loading: 0, complete: false };
  private readonly tiles = new Map<string, TileState>();
  private readonly geometry: BufferGeometry;
  private readonly frustum = new Frustum();
  private readonly matrix = new Matrix4();
  private readonly lastView = new Float64Array(17);
  private readonly drawList: TileState[] = [];
  private frame = 0;
  private loads = 0;
  private verticalSeen = NaN;
  private errorPx = maxErrorPx;
  private disposed = false;

  constructor(
    private readonly index: TerrainIndex,
    private readonly urlOf: (z: number, x: number, y: number) => string | undefined,
    private readonly uniforms: TerrainUniforms,
  ) {
    this.group.name = 'terrain';
    this.geometry = gridGeometry(Math.floor((index.tileSize - 1) / MESH_STRIDE) + 1);
    const spacing = (w: number) => (w / (index.tileSize - 1)) * MESH_STRIDE;
    for (const info of index.tiles) {
      const r = tileRect(index, info.z, info.x, info.y);
      this.tiles.set(tileKey(info.z, info.x, info.y), {
        info,
        box: new Box3(new Vector3(r.west, 0, r.north), new Vector3(r.west + r.width, 0, r.north + r.width)),
        error: spacing(r.width),
        mesh: null,
        loading: false,
        failed: false,
        lastUsed: 0,
        lastDrawnMs: 0,
        inView: false,
        children: [],
      });
    }
    for (const t of this.tiles.values()) {
      const { z, x, y } = t.info;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const child = this.tiles.get(tileKey(z + 1, 2 * x + dx, 2 * y + dy));
        if (child) t.children.push(child);
      }
    }
    this.updateBoxes();
  }

  /** Chooses and shows the tiles for this camera; cheap when nothing changed. */
  update(camera: PerspectiveCamera, viewportHeight: number): void {
    this.frame++;
    const now = performance.now();
    if (this.uniforms.uVertical.value !== this.verticalSeen) this.updateBoxes();
    if (maxErrorPx !== this.errorPx) {
      this.errorPx = maxErrorPx;
      this.lastView[16] = -1;
    }
    if (!this.viewChanged(camera, viewportHeight) && this.stats.complete) {
      if (this.frame % 30 === 0) this.releaseIdle(now);
      return;
    }

    this.matrix.multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
    this.frustum.setFromProjectionMatrix(this.matrix);
    const pxPerKmAtUnitDistance = viewportHeight / (2 * Math.tan((camera.fov * Math.PI) / 360));
    for (const t of this.drawList) t.inView = false;
    this.drawList.length = 0;
    let complete = true;
    const root = this.tiles.get(tileKey(0, 0, 0));
    if (root) complete = this.visit(root, camera.position, pxPerKmAtUnitDistance);

    for (const child of this.group.children) child.visible = false;
    for (const t of this.drawList) {
      t.lastUsed = this.frame;
      t.lastDrawnMs = now;
      t.inView = true;
      if (t.mesh) {
        t.mesh.visible = true;
        if (t.mesh.parent !== this.group) this.group.add(t.mesh);
      }
    }
    this.evict();
    this.stats.drawn = this.drawList.length;
    this.stats.loading = this.loads;
    this.stats.complete = complete && this.loads === 0;
  }

  /** Draws `t` or its children; returns whether everything wanted below `t` is loaded. */
  private visit(t: TileState, eye: Vector3, pxPerKm: number): boolean {
    if (!this.frustum.intersectsBox(t.box)) return true;
    if (!t.mesh) {
      this.request(t);
      return false;
    }
    const distance = Math.max(t.box.distanceToPoint(eye), 1e-3);
    const wantsDetail = t.info.z < this.index.levels - 1 && (t.error * pxPerKm) / distance > this.errorPx;
    if (wantsDetail) {
      const children = t.children;
      let arrived = true;
      for (const c of children) if (!c.mesh && !c.failed) arrived = false;
      if (arrived) {
        let complete = true;
        for (const c of children) if (!c.failed) complete = this.visit(c, eye, pxPerKm) && complete;
        return complete;
      }
      // Until all four children have arrived the parent stands in for them: no holes.
      for (const c of children) this.request(c);
      this.drawList.push(t);
      return false;
    }
    this.drawList.push(t);
    return true;
  }

  private request(t: TileState): void {
    if (t.mesh || t.loading || t.failed || this.loads >= MAX_LOADS) return;
    const url = this.urlOf(t.info.z, t.info.x, t.info.y);
    if (!url) {
      t.failed = true;
      return;
    }
    t.loading = true;
    this.loads++;
    fetch(url)
      .then((r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return r.arrayBuffer();
      })
      .then((buffer) => {
        if (this.disposed) return;
        t.mesh = this.createMesh(t.info, decode(new Uint8Array(buffer)).data as Uint8Array);
        t.lastUsed = this.frame;
        t.lastDrawnMs = performance.now();
      })
      .catch(() => {
        t.failed = true;
      })
      .finally(() => {
        t.loading = false;
        this.loads--;
        // Force a new selection on the next frame now that this tile has arrived.
        this.lastView[16] = -1;
        this.stats.complete = false;
      });
  }

  private createMesh(info: TerrainTileInfo, rgba: Uint8Array): Mesh {
    const size = this.index.tileSize;
    const texture = new DataTexture(rgba, size, size, RGBAFormat, UnsignedByteType);
    texture.minFilter = LinearFilter;
    texture.magFilter = LinearFilter;
    texture.generateMipmaps = false;
    texture.needsUpdate = true;
    const r = tileRect(this.index, info.z, info.x, info.y);
    const material = new ShaderMaterial({
      glslVersion: GLSL3,
      vertexShader: terrainVertexShader,
      fragmentShader: terrainFragmentShader,
      // The skirts face outwards on some sides and inwards on others.
      side: DoubleSide,
      uniforms: {
        ...this.uniforms,
        uHeights: { value: texture },
        uTileRect: { value: new Vector3(r.west, r.north, r.width) },
        uTexels: { value: size - 1 },
        // Skirts hang below each tile's edge, deep enough to hide any crack to a coarser neighbour.
        uSkirt: { value: 2 + r.width * 0.01 },
      },
    });
    const mesh = new Mesh(this.geometry, material);
    mesh.name = `terrain-${tileKey(info.z, info.x, info.y)}`;
    mesh.frustumCulled = false;
    mesh.renderOrder = -2;
    return mesh;
  }

  /** Drops the least recently drawn tiles beyond the cache bound; never the root or the drawn. */
  private evict(): void {
    let cached = 0;
    for (const t of this.tiles.values()) if (t.mesh) cached++;
    if (cached > CACHE_TILES) {
      const candidates = [...this.tiles.values()]
        .filter((t) => t.mesh && t.lastUsed < this.frame && t.info.z > 0)
        .sort((a, b) => a.lastUsed - b.lastUsed);
      for (const t of candidates.slice(0, cached - CACHE_TILES)) {
        this.release(t);
        cached--;
      }
    }
    this.stats.cached = cached;
  }

  /** Releases tiles the view has not drawn for a while (never the root, which is the fallback). */
  private releaseIdle(now: number): void {
    let cached = 0;
    for (const t of this.tiles.values()) {
      if (!t.mesh) continue;
      if (t.info.z > 0 && !t.inView && now - t.lastDrawnMs > IDLE_RELEASE_MS) this.release(t);
      else cached++;
    }
    this.stats.cached = cached;
  }

  private release(t: TileState): void {
    const mesh = t.mesh;
    if (!mesh) return;
    this.group.remove(mesh);
    const material = mesh.material as ShaderMaterial;
    (material.uniforms.uHeights!.value as DataTexture).dispose();
    material.dispose();
    t.mesh = null;
  }

  private viewChanged(camera: PerspectiveCamera, viewportHeight: number): boolean {
    const m = camera.matrixWorld.elements;
    const last = this.lastView;
    let changed = last[16] !== viewportHeight;
    for (let i = 0; i < 16 && !changed; i++) changed = last[i] !== m[i];
    if (changed) {
      last.set(m);
      last[16] = viewportHeight;
    }
    return changed;
  }

  private updateBoxes(): void {
    const v = this.uniforms.uVertical.value;
    this.verticalSeen = v;
    for (const t of this.tiles.values()) {
      t.box.min.y = -50;
      t.box.max.y = Math.max(t.info.maxH, 0) * 0.001 * v + 1;
    }
    this.lastView[16] = -1;
  }

  /**
   * After the WebGL context was lost and restored: the renderer has forgotten every texture, so
   * each held tile's heights are uploaded again (they are kept in the DataTexture's own array).
   */
  restoreTextures(): void {
    for (const t of this.tiles.values()) {
      const material = t.mesh?.material as ShaderMaterial | undefined;
      const texture = material?.uniforms.uHeights?.value as DataTexture | undefined;
      if (texture) texture.needsUpdate = true;
    }
    this.lastView[16] = -1;
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.tiles.values()) this.release(t);
    this.geometry.dispose();
  }
}

/**
 * An n × n grid of vertices carrying their (column, row) in position.x/z, plus a skirt ring
 * (position.y = 1) that the shader lowers below the surface.
 */
function gridGeometry(n: number): BufferGeometry {
  const positions: number[] = [];
  const indices: number[] = [];
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) positions.push(i, 0, j);
  const at = (i: number, j: number) => j * n + i;
  for (let j = 0; j < n - 1; j++)
    for (let i = 0; i < n - 1; i++)
      indices.push(at(i, j), at(i, j + 1), at(i + 1, j), at(i + 1, j), at(i, j + 1), at(i + 1, j + 1));
  // Skirt: walk the border, duplicating each vertex lowered, and stitch a strip.
  const border: number[] = [];
  for (let i = 0; i < n - 1; i++) border.push(at(i, 0));
  for (let j = 0; j < n - 1; j++) border.push(at(n - 1, j));
  for (let i = n - 1; i > 0; i--) border.push(at(i, n - 1));
  for (let j = n - 1; j > 0; j--) border.push(at(0, j));
  const first = positions.length / 3;
  for (const b of border) positions.push(positions[b * 3]!, 1, positions[b * 3 + 2]!);
  for (let k = 0; k < border.length; k++) {
    const a = border[k]!;
    const b = border[(k + 1) % border.length]!;
    const a2 = first + k;
    const b2 = first + ((k + 1) % border.length);
    indices.push(a, a2, b, b, a2, b2);
  }
  const g = new BufferGeometry();
  g.setAttribute('position', new Float32BufferAttribute(positions, 3));
  g.setIndex(indices);
  return g;
}
