/**
 * Templates this device made or imported (device scope; never synced). Built-in templates live
 * in domain/builtInTemplates.ts and are not stored. Rows are validated again on read: a row
 * written by an older version, or tampered with, is skipped rather than trusted.
 */
import { liveQuery } from 'dexie'
import { validateTemplate, type Template } from '../domain/template.ts'
import { classifyStorageError, StorageError, type StorageProblem } from './errors.ts'
import type { MedvirkDb } from './db.ts'

function rowToTemplate(json: string): Template | null {
  try {
    const r = validateTemplate(JSON.parse(json))
    return r.ok ? r.template : null
  } catch {
    return null
  }
}

export class TemplateStore {
  private readonly db: MedvirkDb
  constructor(db: MedvirkDb) {
    this.db = db
  }

  async list(): Promise<Template[]> {
    try {
      const rows = await this.db.templates.orderBy('updatedAt').reverse().toArray()
      return rows.map((r) => rowToTemplate(r.json)).filter((t): t is Template => t !== null)
    } catch (err) {
      throw new StorageError(classifyStorageError(err), err)
    }
  }

  subscribe(cb: (list: Template[]) => void, onError?: (p: StorageProblem) => void): () => void {
    const sub = liveQuery(() => this.db.templates.orderBy('updatedAt').reverse().toArray()).subscribe({
      next: (rows) => cb(rows.map((r) => rowToTemplate(r.json)).filter((t): t is Template => t !== null)),
      error: (err: unknown) => onError?.(classifyStorageError(err)),
    })
    return () => sub.unsubscribe()
  }

  async get(id: string): Promise<Template | undefined> {
    const r = await this.db.templates.get(id)
    return r ? (rowToTemplate(r.json) ?? undefined) : undefined
  }

  async save(t: Template, now: number): Promise<void> {
    try {
      await this.db.templates.put({ id: t.id, json: JSON.stringify({ ...t, builtIn: false }), updatedAt: now })
    } catch (err) {
      throw new StorageError(classifyStorageError(err), err)
    }
  }

  async delete(id: string): Promise<void> {
    try {
      await this.db.templates.delete(id)
    } catch (err) {
      throw new StorageError(classifyStorageError(err), err)
    }
  }
}
