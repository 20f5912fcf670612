// ui/gallery_model: the test images of an evaluation, sorted by score, name or type, thumbnails off the GUI
// thread.
#include <QtTest>

#include <QImage>
#include <QPixmap>
#include <QThreadPool>

#include "gallery_model.h"
#include "ui_test_support.h"

using namespace lwinnn;

class TestGalleryModel : public QObject {
    Q_OBJECT

  private:
    std::shared_ptr<ui::Evaluation> makeEvaluation(const std::filesystem::path& dir) {
        auto evaluation = std::make_shared<ui::Evaluation>();
        const std::vector<std::pair<std::string, double>> images = {
            {"good/000.png", 0.5}, {"scratch/000.png", 2.5}, {"good/001.png", 0.7}, {"hole/000.png", 1.5}};
        int shade = 40;
        for (const auto& [name, score] : images) {
            const auto file = dir / name;
            std::filesystem::create_directories(file.parent_path());
            QImage image(40, 30, QImage::Format_RGB888);
            image.fill(QColor(shade, shade, shade));
            shade += 40;
            image.save(QString::fromStdString(file.string()));
            const std::string type = file.parent_path().filename().string();
            evaluation->images.push_back({file, type, std::nullopt, score});
        }
        return evaluation;
    }

  private slots:
    void sortsByScoreNameAndType() {
        const auto dir = test::scratchDir("gallery_sort");
        ui::GalleryModel model;
        model.setEvaluation(makeEvaluation(dir));
        QCOMPARE(model.rowCount(), 4);
        auto scores = [&] {
            QList<double> out;
            for (int row = 0; row < model.rowCount(); ++row)
                out << model.index(row).data(ui::GalleryModel::ScoreRole).toDouble();
            return out;
        };
        QCOMPARE(scores(), (QList<double>{2.5, 1.5, 0.7, 0.5}));
        QVERIFY(model.index(0).data(ui::GalleryModel::IsDefectRole).toBool());
        QVERIFY(model.index(0).data(Qt::DisplayRole).toString().contains(QStringLiteral("2.500")));
        // The name shows its folder: good/000.png, scratch/000.png and hole/000.png are told apart.
        QVERIFY2(
            model.index(0).data(Qt::DisplayRole).toString().startsWith(QStringLiteral("scratch/000.png\n")),
            qPrintable(model.index(0).data(Qt::DisplayRole).toString()));
        QVERIFY(model.index(1).data(Qt::DisplayRole).toString().startsWith(QStringLiteral("hole/000.png\n")));

        // A persistent index (the view's current image) follows its image through a re-sort.
        const QPersistentModelIndex current(model.index(0));
        model.setSortOrder(ui::GalleryModel::SortOrder::Name);
        QCOMPARE(model.index(0).data(ui::GalleryModel::DefectTypeRole).toString(), QStringLiteral("good"));
        QCOMPARE(model.index(1).data(ui::GalleryModel::ScoreRole).toDouble(), 0.7);
        QCOMPARE(current.data(ui::GalleryModel::ScoreRole).toDouble(), 2.5);
        QCOMPARE(current.row(), 3);

        model.setSortOrder(ui::GalleryModel::SortOrder::Type);
        QCOMPARE(scores(), (QList<double>{0.7, 0.5, 1.5, 2.5}));
        QCOMPARE(model.rowOf(1), 3);
    }

    void thumbnailsLoadLazily() {
        const auto dir = test::scratchDir("gallery_thumbnails");
        ui::GalleryModel model;
        model.setThumbnailSize(32);
        model.setEvaluation(makeEvaluation(dir));
        QSignalSpy loaded(&model, &ui::GalleryModel::thumbnailLoaded);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // First ask: a placeholder at once, the decoding happens on the pool.
        const QPixmap placeholder = model.index(0).data(Qt::DecorationRole).value<QPixmap>();
        QCOMPARE(placeholder.size(), QSize(32, 32));
        QVERIFY(loaded.wait(test::scaledTimeoutMs(60000)));
        QCOMPARE(loaded.first().at(0).toInt(), 0);
        QVERIFY(!changed.isEmpty());
        const QPixmap thumbnail = model.index(0).data(Qt::DecorationRole).value<QPixmap>();
        QCOMPARE(thumbnail.size(), QSize(32, 24));  // 40×30 scaled into 32×32, aspect kept
        // Only the rows asked for were decoded: once every decoding job has finished and its result has
        // reached the model, one thumbnail was loaded, and none is pending.
        QVERIFY(QThreadPool::globalInstance()->waitForDone(test::scaledTimeoutMs(60000)));
        QCoreApplication::sendPostedEvents();
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(model.pendingThumbnails(), 0);
        // Another row asked for is loaded in turn.
        model.index(2).data(Qt::DecorationRole);
        QCOMPARE(model.pendingThumbnails(), 1);
        QVERIFY(loaded.wait(test::scaledTimeoutMs(60000)));
        QCOMPARE(loaded.last().at(0).toInt(), 2);
    }
};

QTEST_MAIN(TestGalleryModel)
#include "test_gallery_model.moc"
