// The rich-text editor's Figure: django-prose-editor's own (its dialog, the media library's
// picker, captions), loaded in its place (settings.DJANGO_PROSE_EDITOR_EXTENSIONS), with what it
// lacked for an editor's text and pictures to survive inserting and typing:
// - Inserting with text selected (a link just made keeps its text selected) replaced the text with
//   the figure: the figure now goes after the selection.
// - A new figure left its picture selected, so the next key typed replaced the picture. As a
//   figure must hold an image, ProseMirror then filled in an empty one: no source, no alt text.
//   (With a caption, the next words went into the caption.) The cursor now continues in a
//   paragraph below a new figure, and a figure whose picture is deleted or typed over goes with
//   it (its caption stays, as a paragraph).
import { Figure as LibraryFigure, pm } from "django-prose-editor/editor"

const { NodeSelection, Plugin, PluginKey, Selection, TextSelection } = pm.state

const isFigure = (node) => node.type.name === "figure"

// What the upstream dialog edits instead of inserting: a picture, or anything inside a figure.
const editsAFigure = (selection) => {
  if (selection instanceof NodeSelection && selection.node.type.name === "image") return true
  for (let depth = selection.$from.depth; depth > 0; depth--) {
    if (isFigure(selection.$from.node(depth))) return true
  }
  return false
}

const bringsAFigure = (transactions) =>
  transactions.some((tr) =>
    tr.steps.some((step) => {
      let found = false
      step.slice?.content.descendants((node) => {
        found ||= isFigure(node)
        return !found
      })
      return found
    }),
  )

// Figures whose picture is gone (ProseMirror's filler image has no source), last first.
const figuresWithoutPicture = (doc) => {
  const found = []
  doc.descendants((node, pos) => {
    if (!isFigure(node)) return true
    const image = node.firstChild
    if (!image || image.type.name !== "image" || !image.attrs.src) found.unshift({ node, pos })
    return false
  })
  return found
}

// The cursor in the textblock right after the figure that holds the selection, made if need be.
const continueBelow = (tr) => {
  const { $from } = tr.selection
  let depth = $from.depth
  while (depth > 0 && !isFigure($from.node(depth))) depth--
  if (!depth) return
  const after = $from.after(depth)
  const $after = tr.doc.resolve(after)
  if (!$after.nodeAfter?.isTextblock) {
    const paragraph = tr.doc.type.schema.nodes.paragraph
    if (!paragraph || !$after.parent.canReplaceWith($after.index(), $after.index(), paragraph)) return
    tr.insert(after, paragraph.create())
  }
  tr.setSelection(TextSelection.create(tr.doc, after + 1))
}

const keepPictures = new Plugin({
  key: new PluginKey("finestFigureKeepsItsPicture"),
  appendTransaction(transactions, _oldState, state) {
    if (!transactions.some((tr) => tr.docChanged)) return null
    const tr = state.tr
    for (const { node, pos } of figuresWithoutPicture(state.doc)) {
      const caption = node.childCount > 1 ? node.lastChild : null
      if (caption?.content.size && state.schema.nodes.paragraph) {
        tr.replaceWith(pos, pos + node.nodeSize, state.schema.nodes.paragraph.create(null, caption.content))
      } else {
        tr.delete(pos, pos + node.nodeSize)
      }
    }
    // A new figure (from the dialog, pasted or dropped) leaves the selection on its picture or at
    // the end of its caption: what is typed next belongs below it.
    if (bringsAFigure(transactions)) continueBelow(tr)
    return tr.docChanged || tr.selectionSet ? tr.scrollIntoView() : null
  },
})

export const Figure = LibraryFigure.extend({
  addCommands() {
    const commands = this.parent?.() ?? {}
    return {
      ...commands,
      editImage:
        () =>
        (props) => {
          const { tr, dispatch } = props
          if (dispatch && !tr.selection.empty && !editsAFigure(tr.selection)) {
            tr.setSelection(Selection.near(tr.doc.resolve(tr.selection.to), -1))
          }
          return commands.editImage()(props)
        },
    }
  },

  addProseMirrorPlugins() {
    return [...(this.parent?.() ?? []), keepPictures]
  },
})
