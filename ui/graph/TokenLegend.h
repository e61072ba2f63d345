#pragma once
// The key to the tokens, along the bottom of the graph view (entries flow left to right in as few
// rows as the view's width allows, so it covers a strip rather than a corner of nodes): what each shape of token means (delivery,
// redelivery, duplicate, dead-lettered, dropped), the colour of each event type in the scenario, and
// what a flow band is; with synchronous calls in the scenario, what the call tokens mean (request,
// response, timed out, refused or rejected). It lies over the graph's viewport, so every frame of
// the animation repaints it: it is drawn once into a pixmap (again when its entries, size or the
// palette change) and each repaint is one blit.
#include <QPixmap>
#include <QWidget>

#include <string>
#include <vector>

namespace esui {

class TokenLegend : public QWidget {
    Q_OBJECT
public:
    explicit TokenLegend(QWidget* parent = nullptr);

    void setTypeNames(const std::vector<std::string>& names);
    const QStringList& typeNames() const { return types_; }
    // Whether the call tokens are explained too (the graph has call edges).
    void setShowsCalls(bool on);
    bool showsCalls() const { return calls_; }
    // Whether the message kinds and the band are explained (the graph has message edges: not in the
    // sync style, where the legend keeps to calls and stays small).
    void setShowsMessages(bool on);
    bool showsMessages() const { return messages_; }
    QSize sizeHint() const override;
    // The widest the legend may be (the view's width): entries wrap to more rows past it.
    void setMaxWidth(int w);

protected:
    void paintEvent(QPaintEvent* e) override;
    void changeEvent(QEvent* e) override; // a new font or palette: drawn again

private:
    struct Entry {
        QString text;
        bool heading = false;
        int kind = -1;  // an es::HopKind for a token glyph; -1 none; -2 the flow band
        int type = -1;  // an event type's colour
        QRect place;    // where flow() put it
    };
    std::vector<Entry> entries() const;
    // Places the entries in rows no wider than maxWidth_; returns the size they take.
    QSize flow(std::vector<Entry>& entries) const;
    void relayout();
    void render(QPainter& p) const;
    int maxWidth_ = 900;
    QPixmap cache_;
    bool cacheDark_ = false;

    QStringList types_;
    bool calls_ = false;
    bool messages_ = true;
};

} // namespace esui
