<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>CoreText</name>
    <message>
        <source>Automatic (lattice + k-NN)</source>
        <translation>Automatisch (Gitter + k-NN)</translation>
    </message>
    <message>
        <source>Lattice topology</source>
        <translation>Gittertopologie</translation>
    </message>
    <message>
        <source>Bragg-filter residual</source>
        <translation>Bragg-Filter-Residuum</translation>
    </message>
    <message>
        <source>Isolation forest</source>
        <translation>Isolationswald</translation>
    </message>
    <message>
        <source>One-class SVM</source>
        <translation>Ein-Klassen-SVM</translation>
    </message>
    <message>
        <source>k-nearest-neighbour distance</source>
        <translation>k-Nächste-Nachbarn-Abstand</translation>
    </message>
    <message>
        <source>Dense neural network</source>
        <translation>Dichtes neuronales Netz</translation>
    </message>
    <message>
        <source>Convolutional autoencoder + KDE</source>
        <translation>Faltungs-Autoencoder + KDE</translation>
    </message>
    <message>
        <source>k-NN weight</source>
        <translation>k-NN-Gewicht</translation>
    </message>
    <message>
        <source>weight of the k-NN evidence against the lattice and blob evidence (ignored when labels choose it)</source>
        <translation>Gewicht der k-NN-Evidenz gegenüber der Gitter- und Fleck-Evidenz (ignoriert, wenn Labels es wählen)</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>Training passes over the normal patches.</source>
        <translation>Trainingsdurchläufe über die normalen Patches.</translation>
    </message>
    <message>
        <source>Training patches</source>
        <translation>Trainings-Patches</translation>
    </message>
    <message>
        <source>At most this many patches train the autoencoder (seeded subsample).</source>
        <translation>Höchstens so viele Patches trainieren den Autoencoder (Stichprobe mit Seed).</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Adam step size.</source>
        <translation>Adam-Schrittweite.</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Startwert</translation>
    </message>
    <message>
        <source>Random seed (subsample, batch order).</source>
        <translation>Zufalls-Seed (Stichprobe, Batch-Reihenfolge).</translation>
    </message>
    <message>
        <source>Max epochs</source>
        <translation>Max. Epochen</translation>
    </message>
    <message>
        <source>Upper bound on training passes over the labelled patches.</source>
        <translation>Obergrenze der Trainingsdurchläufe über die markierten Patches.</translation>
    </message>
    <message>
        <source>Patience</source>
        <translation>Geduld</translation>
    </message>
    <message>
        <source>Stop after this many epochs without a better validation loss.</source>
        <translation>Nach so vielen Epochen ohne besseren Validierungsverlust anhalten.</translation>
    </message>
    <message>
        <source>Validation fraction</source>
        <translation>Validierungsanteil</translation>
    </message>
    <message>
        <source>Share of each class held out for early stopping.</source>
        <translation>Anteil jeder Klasse, der für das frühe Stoppen zurückgehalten wird.</translation>
    </message>
    <message>
        <source>Random seed (split, initialisation, batch order).</source>
        <translation>Zufalls-Seed (Aufteilung, Initialisierung, Batch-Reihenfolge).</translation>
    </message>
    <message>
        <source>Trees</source>
        <translation>Bäume</translation>
    </message>
    <message>
        <source>Number of isolation trees; more trees give smoother scores.</source>
        <translation>Anzahl der Isolationsbäume; mehr Bäume ergeben glattere Scores.</translation>
    </message>
    <message>
        <source>Subsample</source>
        <translation>Stichprobe</translation>
    </message>
    <message>
        <source>Rows drawn (without replacement) to grow each tree.</source>
        <translation>Zeilen, die (ohne Zurücklegen) für jeden Baum gezogen werden.</translation>
    </message>
    <message>
        <source>Random seed; the same seed gives the same forest.</source>
        <translation>Zufalls-Seed; derselbe Seed ergibt denselben Wald.</translation>
    </message>
    <message>
        <source>Neighbours</source>
        <translation>Nachbarn</translation>
    </message>
    <message>
        <source>How many nearest bank patches are averaged.</source>
        <translation>Wie viele nächste Patches der Speicherbank gemittelt werden.</translation>
    </message>
    <message>
        <source>Bank size</source>
        <translation>Bankgröße</translation>
    </message>
    <message>
        <source>At most this many normal patches are kept (seeded subsample).</source>
        <translation>Höchstens so viele normale Patches werden behalten (Stichprobe mit Seed).</translation>
    </message>
    <message>
        <source>Random seed of the bank subsample.</source>
        <translation>Zufalls-Seed der Bank-Stichprobe.</translation>
    </message>
    <message>
        <source>nu</source>
        <translation>nu</translation>
    </message>
    <message>
        <source>Upper bound on the fraction of training patches treated as outliers.</source>
        <translation>Obergrenze des Anteils der Trainings-Patches, die als Ausreißer gelten.</translation>
    </message>
    <message>
        <source>gamma</source>
        <translation>gamma</translation>
    </message>
    <message>
        <source>RBF kernel width; 0 = 1 / (features x variance).</source>
        <translation>RBF-Kernelbreite; 0 = 1 / (Merkmale x Varianz).</translation>
    </message>
    <message>
        <source>At most this many patches train the SVM (seeded subsample).</source>
        <translation>Höchstens so viele Patches trainieren die SVM (Stichprobe mit Seed).</translation>
    </message>
    <message>
        <source>Random seed of the training subsample.</source>
        <translation>Zufalls-Seed der Trainingsstichprobe.</translation>
    </message>
</context>
<context>
    <name>ds::ui::AutoGridSizer</name>
    <message>
        <source>Patch grid from the lattice: bond length %1 px, patches of %2 px.</source>
        <translation>Patch-Raster aus dem Gitter: Bindungslänge %1 px, Patches von %2 px.</translation>
    </message>
    <message>
        <source>No clear lattice (confidence %1): the default patch grid is kept.</source>
        <translation>Kein klares Gitter (Konfidenz %1): das Standard-Patch-Raster bleibt.</translation>
    </message>
</context>
<context>
    <name>ds::ui::ContrastPanel</name>
    <message>
        <source>&amp;Auto</source>
        <translation>&amp;Automatisch</translation>
    </message>
    <message>
        <source>Clip the darkest and brightest pixels (percentiles) for the best contrast</source>
        <translation>Die dunkelsten und hellsten Pixel abschneiden (Perzentile), für den besten Kontrast</translation>
    </message>
    <message>
        <source>Min/Max</source>
        <translation>Min/Max</translation>
    </message>
    <message>
        <source>Show the full range of values</source>
        <translation>Den gesamten Wertebereich anzeigen</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Untergrenze</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Obergrenze</translation>
    </message>
    <message>
        <source>Gamma</source>
        <translation>Gamma</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Farben</translation>
    </message>
</context>
<context>
    <name>ds::ui::DetectorPanel</name>
    <message>
        <source>&amp;Train</source>
        <translation>&amp;Trainieren</translation>
    </message>
    <message>
        <source>S&amp;core</source>
        <translation>&amp;Bewerten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>The anomaly detector: higher scores mean more unusual patches</source>
        <translation>Der Anomaliedetektor: höhere Scores bedeuten ungewöhnlichere Patches</translation>
    </message>
    <message>
        <source>(detector default)</source>
        <translation>(Standard des Detektors)</translation>
    </message>
    <message>
        <source>Patch features: raw, stats, fft, hog, or several joined with &apos;+&apos;</source>
        <translation>Patch-Merkmale: raw, stats, fft, hog oder mehrere, mit „+“ verbunden</translation>
    </message>
    <message>
        <source>This image</source>
        <translation>Dieses Bild</translation>
    </message>
    <message>
        <source>All images</source>
        <translation>Alle Bilder</translation>
    </message>
    <message>
        <source>Fit on your hand labels and score every patch; the ROC uses out-of-fold scores for the patches the fit saw</source>
        <translation>Mit Ihren manuellen Labels trainieren und jeden Patch bewerten; für Patches, die das Training gesehen hat, verwendet die ROC Out-of-Fold-Scores</translation>
    </message>
    <message>
        <source>Fit without labels (the detector learns what is usual) and score every patch</source>
        <translation>Ohne Labels anpassen (der Detektor lernt, was üblich ist) und jeden Patch bewerten</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>Detector</source>
        <translation>Detektor</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Merkmale</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Umfang</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Run failed: %1</source>
        <translation>Lauf fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Cancelled; earlier results are kept.</source>
        <translation>Abgebrochen; frühere Ergebnisse bleiben erhalten.</translation>
    </message>
    <message>
        <source>Supervised: needs defect and perfect labels (use Train).</source>
        <translation>Überwacht: benötigt Defekt- und Perfekt-Labels (Trainieren verwenden).</translation>
    </message>
    <message>
        <source>Works without labels; Train also uses your labels.</source>
        <translation>Funktioniert ohne Labels; Trainieren nutzt zusätzlich Ihre Labels.</translation>
    </message>
    <message>
        <source>No image with pixels to run on.</source>
        <translation>Kein Bild mit Pixeldaten, auf dem der Detektor laufen kann.</translation>
    </message>
    <message>
        <source>%p% - starting</source>
        <translation>%p% – wird gestartet</translation>
    </message>
    <message numerus="yes">
        <source>Running %1 on %n image(s)...</source>
        <translation>
            <numerusform>%1 läuft auf %n Bild...</numerusform>
            <numerusform>%1 läuft auf %n Bildern...</numerusform>
        </translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n image(s) scored in %2 s.</source>
        <translation>
            <numerusform>%1: %n Bild in %2 s bewertet.</numerusform>
            <numerusform>%1: %n Bilder in %2 s bewertet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be scored:</source>
        <translation>
            <numerusform>%n Bild konnte nicht bewertet werden:</numerusform>
            <numerusform>%n Bilder konnten nicht bewertet werden:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ds::ui::DetectorRunner</name>
    <message>
        <source>the detector run ended without a result</source>
        <translation>der Detektorlauf endete ohne Ergebnis</translation>
    </message>
</context>
<context>
    <name>ds::ui::DetectorTools</name>
    <message>
        <source>Detector</source>
        <translation>Detektor</translation>
    </message>
    <message>
        <source>Heat map</source>
        <translation>Heatmap</translation>
    </message>
    <message>
        <source>ROC</source>
        <translation>ROC</translation>
    </message>
    <message>
        <source>&amp;Train detector</source>
        <translation>Detektor &amp;trainieren</translation>
    </message>
    <message>
        <source>&amp;Score with detector</source>
        <translation>Mit Detektor &amp;bewerten</translation>
    </message>
    <message>
        <source>&amp;Cancel detector run</source>
        <translation>Detektorlauf &amp;abbrechen</translation>
    </message>
    <message>
        <source>Label &amp;next suggestion</source>
        <translation>&amp;Nächsten Vorschlag markieren</translation>
    </message>
    <message>
        <source>--run %1: %2</source>
        <translation>--run %1: %2</translation>
    </message>
    <message>
        <source>--run %1: no image to run on</source>
        <translation>--run %1: kein Bild, auf dem der Detektor laufen kann</translation>
    </message>
    <message>
        <source>--run: %1</source>
        <translation>--run: %1</translation>
    </message>
</context>
<context>
    <name>ds::ui::DisplayMapping</name>
    <message>
        <source>Inverted</source>
        <translation>Invertiert</translation>
    </message>
    <message>
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <source>Magma</source>
        <translation>Magma</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>Grau</translation>
    </message>
</context>
<context>
    <name>ds::ui::FrameCommand</name>
    <message>
        <source>Show frame %1</source>
        <translation>Einzelbild %1 zeigen</translation>
    </message>
</context>
<context>
    <name>ds::ui::GridCommand</name>
    <message>
        <source>Change grid to %1 px / stride %2</source>
        <translation>Raster auf %1 px / Schrittweite %2 ändern</translation>
    </message>
</context>
<context>
    <name>ds::ui::GridPanel</name>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Auto from lattice</source>
        <translation>Automatisch aus dem Gitter</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Estimate the bond length from the image and use patches of 4 bonds, stride 2 bonds</source>
        <translation>Die Bindungslänge aus dem Bild schätzen und Patches von 4 Bindungslängen mit einer Schrittweite von 2 Bindungslängen verwenden</translation>
    </message>
    <message>
        <source>Patch side</source>
        <translation>Patch-Seitenlänge</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>Schrittweite</translation>
    </message>
    <message>
        <source>Origin x</source>
        <translation>Ursprung x</translation>
    </message>
    <message>
        <source>Origin y</source>
        <translation>Ursprung y</translation>
    </message>
    <message>
        <source>No lattice found: %1</source>
        <translation>Kein Gitter gefunden: %1</translation>
    </message>
    <message>
        <source>Bond length %1 px (confidence %2): patches of %3 px.</source>
        <translation>Bindungslänge %1 px (Konfidenz %2): Patches von %3 px.</translation>
    </message>
    <message>
        <source>Estimating the lattice…</source>
        <translation>Gitter wird geschätzt…</translation>
    </message>
    <message>
        <source>%1 x %2 = %3 patches</source>
        <translation>%1 x %2 = %3 Patches</translation>
    </message>
    <message>
        <source>No clear lattice (confidence %1; a bond length of %2 px would be a guess): default patches of %3 px.</source>
        <translation>Kein klares Gitter (Konfidenz %1; eine Bindungslänge von %2 px wäre geraten): Standard-Patches von %3 px.</translation>
    </message>
    <message>
        <source>Size new images from the lattice</source>
        <translation>Neue Bilder nach dem Gitter rastern</translation>
    </message>
    <message>
        <source>When an image is added, estimate its lattice and use patches of 4 bonds, stride 2 bonds, as the command line does</source>
        <translation>Beim Hinzufügen eines Bildes sein Gitter schätzen und Patches von 4 Bindungslängen mit Schrittweite 2 Bindungslängen verwenden, wie die Kommandozeile</translation>
    </message>
</context>
<context>
    <name>ds::ui::HeatMapLegend</name>
    <message>
        <source>Heat-map colours: detector score from lowest (left) to highest (right); the marker is the threshold above which patches are outlined</source>
        <translation>Heatmap-Farben: Detektor-Score vom niedrigsten (links) bis zum höchsten (rechts); die Markierung ist der Schwellenwert, ab dem Patches umrandet werden</translation>
    </message>
    <message>
        <source>no scores yet</source>
        <translation>noch keine Scores</translation>
    </message>
    <message>
        <source>threshold %1</source>
        <translation>Schwellenwert %1</translation>
    </message>
</context>
<context>
    <name>ds::ui::HeatMapPanel</name>
    <message>
        <source>Label &amp;next (N)</source>
        <translation>&amp;Nächsten markieren (N)</translation>
    </message>
    <message>
        <source>Whose scores the heat map shows (every detector run on this image is kept)</source>
        <translation>Wessen Scores die Heatmap zeigt (jeder Detektorlauf auf diesem Bild bleibt erhalten)</translation>
    </message>
    <message>
        <source>Heat-map opacity</source>
        <translation>Deckkraft der Heatmap</translation>
    </message>
    <message>
        <source>Patches scoring at or above the threshold are outlined in green</source>
        <translation>Patches mit einem Score ab dem Schwellenwert werden grün umrandet</translation>
    </message>
    <message>
        <source>Select and centre the unlabelled patch whose label would tell the detector most (score nearest the threshold, or detectors disagreeing); then press 1 or 2</source>
        <translation>Den Patch ohne Label auswählen und zentrieren, dessen Label dem Detektor am meisten verrät (Score am nächsten am Schwellenwert oder uneinige Detektoren); dann 1 oder 2 drücken</translation>
    </message>
    <message>
        <source>Scores of</source>
        <translation>Bewertung von</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Deckkraft</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwellenwert</translation>
    </message>
    <message>
        <source>patch %1 (%2 more)</source>
        <translation>Patch %1 (%2 weitere)</translation>
    </message>
</context>
<context>
    <name>ds::ui::HistogramWidget</name>
    <message>
        <source>Drag the limits to change the display range</source>
        <translation>Die Grenzen ziehen, um den Anzeigebereich zu ändern</translation>
    </message>
</context>
<context>
    <name>ds::ui::ImageListPanel</name>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected image from the project (the file stays on disk)</source>
        <translation>Das ausgewählte Bild aus dem Projekt entfernen (die Datei bleibt auf dem Datenträger)</translation>
    </message>
    <message>
        <source>%1
%2 defect · %3 perfect</source>
        <translation>%1
%2 defekt · %3 perfekt</translation>
    </message>
    <message>
        <source>Synthetic graphene (seed %1)</source>
        <translation>Synthetisches Graphen (Seed %1)</translation>
    </message>
    <message>
        <source>Properties…</source>
        <translation>Eigenschaften…</translation>
    </message>
    <message>
        <source>Size, frames and calibration of the selected image; set its pixel size</source>
        <translation>Größe, Frames und Kalibrierung des ausgewählten Bildes; Pixelgröße festlegen</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>Einzelbild</translation>
    </message>
    <message>
        <source>of %1 (from 0)</source>
        <translation>von %1 (ab 0)</translation>
    </message>
    <message>
        <source>%1, frame %2</source>
        <translation>%1, Einzelbild %2</translation>
    </message>
    <message>
        <source>The frame of the stack this image stands for; runs of another frame are set aside (Undo brings them back), labels are kept</source>
        <translation>Das Einzelbild des Stapels, für das dieses Bild steht; Läufe auf einem anderen Einzelbild werden beiseitegelegt (Rückgängig holt sie zurück), Labels bleiben erhalten</translation>
    </message>
</context>
<context>
    <name>ds::ui::ImageLoader</name>
    <message>
        <source>%1: no image data</source>
        <translation>%1: keine Bilddaten</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>ds::ui::ImagePropertiesDialog</name>
    <message>
        <source>%1 per pixel (%2 nm)</source>
        <translation>%1 pro Pixel (%2 nm)</translation>
    </message>
    <message>
        <source>%1 per pixel</source>
        <translation>%1 pro Pixel</translation>
    </message>
    <message>
        <source>Use the file&apos;s calibration</source>
        <translation>Kalibrierung der Datei verwenden</translation>
    </message>
    <message>
        <source>Set the pixel size:</source>
        <translation>Pixelgröße festlegen:</translation>
    </message>
    <message>
        <source>Square pixels</source>
        <translation>Quadratische Pixel</translation>
    </message>
    <message>
        <source>Apply to all images of the project</source>
        <translation>Für alle Bilder des Projekts übernehmen</translation>
    </message>
    <message>
        <source>Image properties - %1</source>
        <translation>Bildeigenschaften - %1</translation>
    </message>
    <message>
        <source>Synthetic graphene (seed %1)</source>
        <translation>Synthetisches Graphen (Seed %1)</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>%1 x %2 pixels</source>
        <translation>%1 x %2 Pixel</translation>
    </message>
    <message>
        <source>Frames:</source>
        <translation>Frames:</translation>
    </message>
    <message>
        <source>none (the file states no unit)</source>
        <translation>keine (die Datei nennt keine Einheit)</translation>
    </message>
    <message>
        <source>x: %1, y: %2</source>
        <translation>x: %1, y: %2</translation>
    </message>
    <message>
        <source>(not a length)</source>
        <translation>(keine Länge)</translation>
    </message>
    <message>
        <source>File calibration:</source>
        <translation>Kalibrierung der Datei:</translation>
    </message>
    <message>
        <source> nm/px</source>
        <translation> nm/px</translation>
    </message>
    <message>
        <source>Nanometres per pixel along x (columns)</source>
        <translation>Nanometer pro Pixel entlang x (Spalten)</translation>
    </message>
    <message>
        <source>Nanometres per pixel along y (rows)</source>
        <translation>Nanometer pro Pixel entlang y (Zeilen)</translation>
    </message>
    <message>
        <source>Use the file&apos;s calibration (it has none)</source>
        <translation>Kalibrierung der Datei verwenden (sie hat keine)</translation>
    </message>
    <message>
        <source>The same pixel size (or the files&apos; own calibration) for every image</source>
        <translation>Dieselbe Pixelgröße (oder die Kalibrierung der Dateien) für alle Bilder</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>y</source>
        <translation>y</translation>
    </message>
</context>
<context>
    <name>ds::ui::LabelActions</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Pan</source>
        <translation>&amp;Verschieben</translation>
    </message>
    <message>
        <source>Drag to move the image (right or middle drag pans in every tool)</source>
        <translation>Ziehen, um das Bild zu verschieben (Ziehen mit der rechten oder mittleren Maustaste verschiebt in jedem Werkzeug)</translation>
    </message>
    <message>
        <source>&amp;Select</source>
        <translation>Au&amp;swählen</translation>
    </message>
    <message>
        <source>Drag a rectangle to select patches, then press 1, 2 or 0 to label them</source>
        <translation>Ein Rechteck aufziehen, um Patches auszuwählen, dann 1, 2 oder 0 drücken, um sie zu markieren</translation>
    </message>
    <message>
        <source>Label &amp;defect</source>
        <translation>Als &amp;Defekt markieren</translation>
    </message>
    <message>
        <source>Click or drag over patches to label them as defect</source>
        <translation>Patches anklicken oder überstreichen, um sie als Defekt zu markieren</translation>
    </message>
    <message>
        <source>Label &amp;perfect</source>
        <translation>Als &amp;perfekt markieren</translation>
    </message>
    <message>
        <source>Click or drag over patches to label them as perfect</source>
        <translation>Patches anklicken oder überstreichen, um sie als perfekt zu markieren</translation>
    </message>
    <message>
        <source>&amp;Clear label</source>
        <translation>Label &amp;entfernen</translation>
    </message>
    <message>
        <source>Click or drag over patches to remove their labels</source>
        <translation>Patches anklicken oder überstreichen, um ihre Labels zu entfernen</translation>
    </message>
    <message>
        <source>Select &amp;all patches</source>
        <translation>&amp;Alle Patches auswählen</translation>
    </message>
    <message>
        <source>Clear selec&amp;tion</source>
        <translation>Auswahl au&amp;fheben</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>ds::ui::LabelCommand</name>
    <message numerus="yes">
        <source>Label %n patch(es) defect</source>
        <translation>
            <numerusform>%n Patch als Defekt markieren</numerusform>
            <numerusform>%n Patches als Defekt markieren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Label %n patch(es) perfect</source>
        <translation>
            <numerusform>%n Patch als perfekt markieren</numerusform>
            <numerusform>%n Patches als perfekt markieren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clear %n label(s)</source>
        <translation>
            <numerusform>%n Label entfernen</numerusform>
            <numerusform>%n Labels entfernen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ds::ui::LabelSuggestions</name>
    <message>
        <source>its score %1 is close to the threshold %2, where the detector is least sure</source>
        <translation>sein Score %1 liegt nahe am Schwellenwert %2, wo der Detektor am unsichersten ist</translation>
    </message>
    <message>
        <source>its score %1 is close to the median, where the detector is least sure</source>
        <translation>sein Score %1 liegt nahe am Median, wo der Detektor am unsichersten ist</translation>
    </message>
    <message>
        <source>the detectors disagree about it</source>
        <translation>die Detektoren sind sich uneinig</translation>
    </message>
    <message>
        <source>Suggested patch %1 (%2 more): %3. Press 1 for defect or 2 for perfect.</source>
        <translation>Vorgeschlagener Patch %1 (%2 weitere): %3. Drücken Sie 1 für defekt oder 2 für perfekt.</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>No suggestion: run a detector on this image first.</source>
        <translation>Kein Vorschlag: Lassen Sie zuerst einen Detektor auf diesem Bild laufen.</translation>
    </message>
    <message>
        <source>No suggestion: every scored patch is labelled.</source>
        <translation>Kein Vorschlag: Alle bewerteten Patches sind markiert.</translation>
    </message>
</context>
<context>
    <name>ds::ui::LanguageMenu</name>
    <message>
        <source>La&amp;nguage</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;System language</source>
        <translation>&amp;Systemsprache</translation>
    </message>
    <message>
        <source>&amp;System language (%1)</source>
        <translation>&amp;Systemsprache (%1)</translation>
    </message>
</context>
<context>
    <name>ds::ui::LanguageSwitcher</name>
    <message>
        <source>The language changes when the running job is done.</source>
        <translation>Die Sprache wechselt, sobald die laufende Aufgabe fertig ist.</translation>
    </message>
</context>
<context>
    <name>ds::ui::LineCalibration</name>
    <message>
        <source>Pixel size from a &amp;line…</source>
        <translation>Pixelgröße aus einer &amp;Linie…</translation>
    </message>
    <message>
        <source>Draw a line over a feature of known length, then type its length: the pixel size of the current image follows</source>
        <translation>Ziehen Sie eine Linie über ein Merkmal bekannter Länge und geben Sie die Länge ein: Daraus folgt die Pixelgröße des aktuellen Bildes</translation>
    </message>
    <message>
        <source>Pixel size from a line</source>
        <translation>Pixelgröße aus einer Linie</translation>
    </message>
    <message>
        <source>The line is %1 px long. Its length in nm:</source>
        <translation>Die Linie ist %1 px lang. Ihre Länge in nm:</translation>
    </message>
</context>
<context>
    <name>ds::ui::MainWindow</name>
    <message>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Bedienfelder</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About DefectScope</source>
        <translation>&amp;Über DefectScope</translation>
    </message>
    <message>
        <source>About DefectScope</source>
        <translation>Über DefectScope</translation>
    </message>
    <message>
        <source>&lt;b&gt;DefectScope %1&lt;/b&gt;&lt;p&gt;Find defects in atomic-resolution electron micrographs: label patches, run anomaly detectors, compare them with ROC curves.&lt;/p&gt;</source>
        <translation>&lt;b&gt;DefectScope %1&lt;/b&gt;&lt;p&gt;Defekte in elektronenmikroskopischen Aufnahmen mit atomarer Auflösung finden: Patches markieren, Anomaliedetektoren ausführen und mit ROC-Kurven vergleichen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Patch grid</source>
        <translation>Patch-Raster</translation>
    </message>
    <message>
        <source>Contrast</source>
        <translation>Kontrast</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>Automatische Sicherung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <source>%1[*] - DefectScope</source>
        <translation>%1[*] - DefectScope</translation>
    </message>
    <message>
        <source>DefectScope</source>
        <translation>DefectScope</translation>
    </message>
    <message>
        <source>Image p&amp;roperties…</source>
        <translation>Bildei&amp;genschaften…</translation>
    </message>
    <message>
        <source>Size, frames and calibration of the current image; set its pixel size</source>
        <translation>Größe, Frames und Kalibrierung des aktuellen Bildes; Pixelgröße festlegen</translation>
    </message>
    <message>
        <source>Pre&amp;ferences…</source>
        <translation>Ein&amp;stellungen…</translation>
    </message>
    <message>
        <source>The largest image to open and the auto-contrast clip</source>
        <translation>Größtes zu öffnendes Bild und Beschnitt des Autokontrasts</translation>
    </message>
    <message>
        <source>The limit is set in Edit &gt; Preferences (Largest image to open).</source>
        <translation>Die Grenze wird unter Bearbeiten &gt; Einstellungen festgelegt (Größtes zu öffnendes Bild).</translation>
    </message>
</context>
<context>
    <name>ds::ui::MicrographView</name>
    <message>
        <source>Could not load this image:
%1</source>
        <translation>Dieses Bild konnte nicht geladen werden:
%1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Open a micrograph or a project (File menu), or drop files here.</source>
        <translation>Öffnen Sie eine Mikroskopaufnahme oder ein Projekt (Menü Datei) oder ziehen Sie Dateien hierher.</translation>
    </message>
</context>
<context>
    <name>ds::ui::PixelSizeCommand</name>
    <message>
        <source>Set the pixel size</source>
        <translation>Pixelgröße festlegen</translation>
    </message>
</context>
<context>
    <name>ds::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Files whose frames have more pixels than a square of this side are refused from their header, before anything is decoded. Small compressed files can claim enormous images; the limit bounds what opening one costs.</source>
        <translation>Dateien, deren Einzelbilder mehr Pixel haben als ein Quadrat dieser Seitenlänge, werden schon anhand ihres Headers abgelehnt, bevor etwas dekodiert wird. Kleine komprimierte Dateien können riesige Bilder angeben; die Grenze beschränkt, was das Öffnen einer solchen Datei kostet.</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Auto contrast sets black and white at these percentiles from each end of the image&apos;s histogram.</source>
        <translation>Der Autokontrast setzt Schwarz und Weiß auf diese Perzentile von beiden Enden des Bildhistogramms.</translation>
    </message>
    <message>
        <source>Largest image to open:</source>
        <translation>Größtes zu öffnendes Bild:</translation>
    </message>
    <message>
        <source>Auto-contrast clip:</source>
        <translation>Beschnitt des Autokontrasts:</translation>
    </message>
    <message>
        <source>%1 × %1 = %2 megapixels, or as many in another shape. One such frame takes %3 GiB as 32-bit floats; analysing it takes several times that.</source>
        <translation>%1 × %1 = %2 Megapixel, oder ebenso viele in anderer Form. Ein solches Einzelbild belegt als 32-Bit-Gleitkommazahlen %3 GiB; seine Analyse ein Mehrfaches davon.</translation>
    </message>
</context>
<context>
    <name>ds::ui::ProjectActions</name>
    <message>
        <source>DefectScope projects (*.dsproj)</source>
        <translation>DefectScope-Projekte (*.dsproj)</translation>
    </message>
    <message>
        <source>Micrographs (*.dm3 *.dm4 *.mrc *.tif *.tiff *.ser *.emd *.png *.jpg *.jpeg *.npy);;All files (*)</source>
        <translation>Mikroskopaufnahmen (*.dm3 *.dm4 *.mrc *.tif *.tiff *.ser *.emd *.png *.jpg *.jpeg *.npy);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;New project</source>
        <translation>&amp;Neues Projekt</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open project or micrographs</source>
        <translation>Projekt oder Mikroskopaufnahmen öffnen</translation>
    </message>
    <message>
        <source>Projects and micrographs (*.dsproj *.dm3 *.dm4 *.mrc *.tif *.tiff *.ser *.emd *.png *.jpg *.jpeg *.npy);;</source>
        <translation>Projekte und Mikroskopaufnahmen (*.dsproj *.dm3 *.dm4 *.mrc *.tif *.tiff *.ser *.emd *.png *.jpg *.jpeg *.npy);;</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <source>&amp;Add images…</source>
        <translation>Bilder &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Import &amp;point annotations…</source>
        <translation>&amp;Punktannotationen importieren…</translation>
    </message>
    <message>
        <source>Import &amp;labels (CSV)…</source>
        <translation>&amp;Labels importieren (CSV)…</translation>
    </message>
    <message>
        <source>&amp;Export labels (CSV)…</source>
        <translation>Labels &amp;exportieren (CSV)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>The project has unsaved changes. Save them?</source>
        <translation>Das Projekt hat ungespeicherte Änderungen. Sollen sie gespeichert werden?</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>Ungespeicherte Arbeit wiederherstellen</translation>
    </message>
    <message>
        <source>An autosave of %1 is newer than the project file: DefectScope may have stopped before the work was saved. Recover it?</source>
        <translation>Eine automatische Sicherung von %1 ist neuer als die Projektdatei: DefectScope wurde möglicherweise beendet, bevor die Arbeit gespeichert war. Wiederherstellen?</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>Projekt kann nicht geöffnet werden</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) not found, e.g. %1 - choose the folder they are in now</source>
        <translation>
            <numerusform>%n Bild nicht gefunden (%1) – wählen Sie den Ordner, in dem es jetzt liegt</numerusform>
            <numerusform>%n Bilder nicht gefunden, z. B. %1 – wählen Sie den Ordner, in dem sie jetzt liegen</numerusform>
        </translation>
    </message>
    <message>
        <source>Images not found</source>
        <translation>Bilder nicht gefunden</translation>
    </message>
    <message>
        <source>None of the missing images is in %1.</source>
        <translation>Keines der fehlenden Bilder liegt in %1.</translation>
    </message>
    <message>
        <source>Missing images: %1</source>
        <translation>Fehlende Bilder: %1</translation>
    </message>
    <message>
        <source>Cannot save project</source>
        <translation>Projekt kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>Projekt speichern</translation>
    </message>
    <message>
        <source>DefectScope found work from an untitled project that was never saved. Recover it?</source>
        <translation>DefectScope hat Arbeit aus einem unbenannten Projekt gefunden, das nie gespeichert wurde. Wiederherstellen?</translation>
    </message>
    <message>
        <source>Cannot recover</source>
        <translation>Wiederherstellen nicht möglich</translation>
    </message>
    <message>
        <source>Add micrographs</source>
        <translation>Mikroskopaufnahmen hinzufügen</translation>
    </message>
    <message>
        <source>Import point annotations (x,y,kind)</source>
        <translation>Punktannotationen importieren (x,y,kind)</translation>
    </message>
    <message>
        <source>Cannot import points</source>
        <translation>Punkte können nicht importiert werden</translation>
    </message>
    <message>
        <source>Import labels (x,y,width,height,label)</source>
        <translation>Labels importieren (x,y,width,height,label)</translation>
    </message>
    <message>
        <source>Cannot import labels</source>
        <translation>Labels können nicht importiert werden</translation>
    </message>
    <message>
        <source>Export labels</source>
        <translation>Labels exportieren</translation>
    </message>
    <message>
        <source>Cannot export labels</source>
        <translation>Labels können nicht exportiert werden</translation>
    </message>
    <message>
        <source>%1: the file no longer exists</source>
        <translation>%1: die Datei existiert nicht mehr</translation>
    </message>
</context>
<context>
    <name>ds::ui::ReportActions</name>
    <message>
        <source>Export &amp;Report…</source>
        <translation>Be&amp;richt exportieren…</translation>
    </message>
    <message>
        <source>Write the annotated image, per-patch table and summary of the current image</source>
        <translation>Das annotierte Bild, die Tabelle pro Patch und die Zusammenfassung des aktuellen Bildes schreiben</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>Nothing to report: %1.</source>
        <translation>Nichts zu berichten: %1.</translation>
    </message>
    <message>
        <source>Export &amp;Training Set…</source>
        <translation>&amp;Trainingsdatensatz exportieren…</translation>
    </message>
    <message>
        <source>Write the hand-labelled patches as numpy stacks for training models (as export-patches does)</source>
        <translation>Die manuell markierten Patches als numpy-Stapel zum Trainieren von Modellen schreiben (wie export-patches)</translation>
    </message>
</context>
<context>
    <name>ds::ui::ReportDialog</name>
    <message>
        <source>Export Report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>Rendering the preview…</source>
        <translation>Vorschau wird erstellt…</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Annotated image (annotated.png)</source>
        <translation>Annotiertes Bild (annotated.png)</translation>
    </message>
    <message>
        <source>Per-patch table (patches.csv)</source>
        <translation>Tabelle pro Patch (patches.csv)</translation>
    </message>
    <message>
        <source>Summary (summary.json)</source>
        <translation>Zusammenfassung (summary.json)</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>Ausgabeordner:</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>Dateien:</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>Keine Vorschau</translation>
    </message>
    <message>
        <source>The report cannot be built: %1</source>
        <translation>Der Bericht kann nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>n/a (needs defect and perfect labels)</source>
        <translation>k. A. (benötigt Defekt- und Perfekt-Labels)</translation>
    </message>
    <message>
        <source>%1 - detector %2 - %3 patches, %4 above the threshold %5 - AUROC %6</source>
        <translation>%1 – Detektor %2 – %3 Patches, %4 über dem Schwellenwert %5 – AUROC %6</translation>
    </message>
    <message>
        <source>Writing the report to %1…</source>
        <translation>Bericht wird nach %1 geschrieben…</translation>
    </message>
    <message>
        <source>Report written to %1 (%2).</source>
        <translation>Bericht nach %1 geschrieben (%2).</translation>
    </message>
    <message>
        <source>Could not write the report to %1: %2</source>
        <translation>Der Bericht konnte nicht nach %1 geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Report folder</source>
        <translation>Berichtsordner</translation>
    </message>
</context>
<context>
    <name>ds::ui::ReportExport</name>
    <message>
        <source>no image is selected</source>
        <translation>kein Bild ausgewählt</translation>
    </message>
    <message>
        <source>the image is not loaded yet</source>
        <translation>das Bild ist noch nicht geladen</translation>
    </message>
    <message>
        <source>the image has no detector scores</source>
        <translation>das Bild hat keine Detektor-Scores</translation>
    </message>
    <message>
        <source>the scores do not match the patch grid (run the detector again)</source>
        <translation>die Scores passen nicht zum Patch-Raster (Detektor erneut ausführen)</translation>
    </message>
</context>
<context>
    <name>ds::ui::RocPanel</name>
    <message>
        <source>False-positive rate</source>
        <translation>Falsch-Positiv-Rate</translation>
    </message>
    <message>
        <source>True-positive rate</source>
        <translation>Trefferquote</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Trefferquote (Recall)</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>chance</source>
        <translation>Zufall</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>Schwellenwert</translation>
    </message>
    <message>
        <source>ROC</source>
        <translation>ROC</translation>
    </message>
    <message>
        <source>Precision-recall</source>
        <translation>Präzision-Recall</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: needs held-out defect and perfect labels (%2 defect, %3 perfect)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: benötigt zurückgehaltene Defekt- und Perfekt-Labels (%2 defekt, %3 perfekt)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: AUROC %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: AUROC %2</translation>
    </message>
    <message>
        <source> [95%: %1-%2]</source>
        <translation> [95 %: %1–%2]</translation>
    </message>
    <message>
        <source>, AP %1, on %2 defect / %3 perfect held-out patches</source>
        <translation>, AP %1, auf %2 defekten / %3 perfekten zurückgehaltenen Patches</translation>
    </message>
    <message>
        <source>&amp;nbsp;&amp;nbsp;at threshold %1: TPR %2, FPR %3, precision %4</source>
        <translation>&amp;nbsp;&amp;nbsp;bei Schwellenwert %1: TPR %2, FPR %3, Präzision %4</translation>
    </message>
    <message>
        <source>Run a detector and label a few defect and perfect patches: the ROC is computed on labels the detector did not train on.</source>
        <translation>Führen Sie einen Detektor aus und markieren Sie einige defekte und perfekte Patches: Die ROC wird auf Labels berechnet, mit denen der Detektor nicht trainiert hat.</translation>
    </message>
    <message>
        <source>Held-out image</source>
        <translation>Zurückgehaltenes Bild</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Train the shown detector on the hand labels of the project&apos;s other images and score this image, which it never saw (leave-one-image-out)</source>
        <translation>Den angezeigten Detektor mit den manuellen Labels der anderen Bilder des Projekts trainieren und dieses Bild bewerten, das er nie gesehen hat (Leave-one-image-out)</translation>
    </message>
    <message>
        <source>Held-out image: run a detector on this image first.</source>
        <translation>Zurückgehaltenes Bild: zuerst einen Detektor auf diesem Bild ausführen.</translation>
    </message>
    <message>
        <source>Held-out image: label defect and perfect patches on this image first.</source>
        <translation>Zurückgehaltenes Bild: zuerst defekte und perfekte Patches auf diesem Bild markieren.</translation>
    </message>
    <message>
        <source>Held-out image: needs hand labels on another image of the project to train on.</source>
        <translation>Zurückgehaltenes Bild: braucht manuelle Labels auf einem weiteren Bild des Projekts zum Trainieren.</translation>
    </message>
    <message>
        <source>Held-out image: %1</source>
        <translation>Zurückgehaltenes Bild: %1</translation>
    </message>
    <message>
        <source>Held-out image: cancelled.</source>
        <translation>Zurückgehaltenes Bild: abgebrochen.</translation>
    </message>
    <message>
        <source>held out image</source>
        <translation>zurückgehaltenes Bild</translation>
    </message>
    <message>
        <source>out-of-fold within this image</source>
        <translation>Out-of-Fold innerhalb dieses Bildes</translation>
    </message>
    <message>
        <source>self: fitted on this image without labels</source>
        <translation>selbst: ohne Labels auf diesem Bild angepasst</translation>
    </message>
    <message>
        <source>&lt;b&gt;held out image&lt;/b&gt; (%1): AUROC %2</source>
        <translation>&lt;b&gt;zurückgehaltenes Bild&lt;/b&gt; (%1): AUROC %2</translation>
    </message>
    <message>
        <source>, on %1 defect / %2 perfect labelled patches - &lt;i&gt;trained on the hand labels of the other images only (%3 defect / %4 perfect patches)&lt;/i&gt;</source>
        <translation>, auf %1 defekten / %2 perfekten markierten Patches – &lt;i&gt;nur mit den manuellen Labels der anderen Bilder trainiert (%3 defekte / %4 perfekte Patches)&lt;/i&gt;</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;pooled&lt;/b&gt; over %n labelled image(s): AUROC %1 [95%: %2-%3] - &lt;i&gt;every image scored by the model that did not see it, ranked together&lt;/i&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;gepoolt&lt;/b&gt; über %n markiertes Bild: AUROC %1 [95 %: %2–%3] – &lt;i&gt;jedes Bild vom Modell bewertet, das es nicht gesehen hat, gemeinsam gerankt&lt;/i&gt;</numerusform>
            <numerusform>&lt;b&gt;gepoolt&lt;/b&gt; über %n markierte Bilder: AUROC %1 [95 %: %2–%3] – &lt;i&gt;jedes Bild vom Modell bewertet, das es nicht gesehen hat, gemeinsam gerankt&lt;/i&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Held-out image: this image needs both defect and perfect labels (%1 defect, %2 perfect)</source>
        <translation>Zurückgehaltenes Bild: dieses Bild braucht defekte und perfekte Labels (%1 defekt, %2 perfekt)</translation>
    </message>
    <message>
        <source>Held-out image: training on the other images…</source>
        <translation>Zurückgehaltenes Bild: Training auf den anderen Bildern…</translation>
    </message>
</context>
<context>
    <name>ds::ui::ScaleBar</name>
    <message>
        <source>%1 px</source>
        <translation>%1 px</translation>
    </message>
    <message>
        <source>%1 pm</source>
        <translation>%1 pm</translation>
    </message>
    <message>
        <source>%1 µm</source>
        <translation>%1 µm</translation>
    </message>
    <message>
        <source>%1 nm</source>
        <translation>%1 nm</translation>
    </message>
</context>
<context>
    <name>ds::ui::ScoreHistogram</name>
    <message>
        <source>Scores of perfect, defect and unlabelled patches (each curve scaled to its own peak). Click to set the threshold.</source>
        <translation>Scores der perfekten, defekten und nicht markierten Patches (jede Kurve auf ihr eigenes Maximum skaliert). Klicken, um den Schwellenwert zu setzen.</translation>
    </message>
    <message>
        <source>no scores yet</source>
        <translation>noch keine Scores</translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>ohne Label</translation>
    </message>
    <message>
        <source>perfect</source>
        <translation>perfekt</translation>
    </message>
    <message>
        <source>defect</source>
        <translation>Defekt</translation>
    </message>
</context>
<context>
    <name>ds::ui::Session</name>
    <message>
        <source>Grid not changed: %1</source>
        <translation>Raster nicht geändert: %1</translation>
    </message>
    <message>
        <source>%1 is now %2 x %3 pixels, the project expected %4 x %5; labels were kept where their patches still fit</source>
        <translation>%1 hat jetzt %2 x %3 Pixel, das Projekt erwartete %4 x %5; Labels wurden behalten, wo ihre Patches noch ins Bild passen</translation>
    </message>
    <message>
        <source>No image with a known size is selected.</source>
        <translation>Es ist kein Bild mit bekannter Größe ausgewählt.</translation>
    </message>
    <message>
        <source>Import labels from %1</source>
        <translation>Labels aus %1 importieren</translation>
    </message>
    <message>
        <source>%1: cannot be read</source>
        <translation>%1: kann nicht gelesen werden</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and were not added:</source>
        <translation>
            <numerusform>%n Datei konnte nicht gelesen werden und wurde nicht hinzugefügt:</numerusform>
            <numerusform>%n Dateien konnten nicht gelesen werden und wurden nicht hinzugefügt:</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: the run of %2 was made on another patch grid and is dropped</source>
        <translation>%1: der Lauf von %2 wurde auf einem anderen Patch-Raster gemacht und wird verworfen</translation>
    </message>
</context>
<context>
    <name>ds::ui::StatusInfo</name>
    <message>
        <source>Defect %1 · Perfect %2 · Unlabelled %3</source>
        <translation>Defekt %1 · Perfekt %2 · Ohne Label %3</translation>
    </message>
    <message>
        <source>Zoom %1 %</source>
        <translation>Vergrößerung %1 %</translation>
    </message>
    <message>
        <source>x %1  y %2  value %3</source>
        <translation>x %1  y %2  Wert %3</translation>
    </message>
    <message>
        <source>  (%1 nm, %2 nm)</source>
        <translation>  (%1 nm, %2 nm)</translation>
    </message>
    <message>
        <source>no pixel size</source>
        <translation>keine Pixelgröße</translation>
    </message>
    <message>
        <source>The file states no length calibration: set the pixel size in Image properties (double-click the image in the list).</source>
        <translation>Die Datei enthält keine Längenkalibrierung: Legen Sie die Pixelgröße in den Bildeigenschaften fest (Doppelklick auf das Bild in der Liste).</translation>
    </message>
    <message>
        <source>%1 nm/px</source>
        <translation>%1 nm/px</translation>
    </message>
    <message>
        <source>%1 × %2 nm/px</source>
        <translation>%1 × %2 nm/px</translation>
    </message>
    <message>
        <source>Pixel size set in Image properties</source>
        <translation>Pixelgröße in den Bildeigenschaften festgelegt</translation>
    </message>
    <message>
        <source>Pixel size from the file</source>
        <translation>Pixelgröße aus der Datei</translation>
    </message>
</context>
<context>
    <name>ds::ui::TrainingSetDialog</name>
    <message>
        <source>Export Training Set</source>
        <translation>Trainingsdatensatz exportieren</translation>
    </message>
    <message>
        <source>Current image (%1)</source>
        <translation>Aktuelles Bild (%1)</translation>
    </message>
    <message numerus="yes">
        <source>All images with hand labels (%n image(s))</source>
        <translation>
            <numerusform>Alle Bilder mit manuellen Labels (%n Bild)</numerusform>
            <numerusform>Alle Bilder mit manuellen Labels (%n Bilder)</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Unlabelled patches too (unlabelled_patches.npy, for semi-supervised work)</source>
        <translation>Auch Patches ohne Label (unlabelled_patches.npy, für halbüberwachtes Lernen)</translation>
    </message>
    <message>
        <source>Augment by the lattice&apos;s symmetry (rotations by 60°, mirrors)</source>
        <translation>Mit der Symmetrie des Gitters erweitern (Drehungen um 60°, Spiegelungen)</translation>
    </message>
    <message>
        <source>Also one HDF5 file (dataset.h5)</source>
        <translation>Zusätzlich eine HDF5-Datei (dataset.h5)</translation>
    </message>
    <message>
        <source>Images:</source>
        <translation>Bilder:</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>Ausgabeordner:</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>Optionen:</translation>
    </message>
    <message>
        <source>Writes defect_patches.npy and perfect_patches.npy (float32 N x 48 x 48, normalised as the detectors see them), patches.csv and dataset.json - the same files as &lt;tt&gt;defectscope-cli export-patches&lt;/tt&gt;.</source>
        <translation>Schreibt defect_patches.npy und perfect_patches.npy (float32 N x 48 x 48, normiert, wie die Detektoren sie sehen), patches.csv und dataset.json – dieselben Dateien wie &lt;tt&gt;defectscope-cli export-patches&lt;/tt&gt;.</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>&amp;Cancel export</source>
        <translation>Export &amp;abbrechen</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n image(s) to %1…</source>
        <translation>
            <numerusform>Exportiere %n Bild nach %1…</numerusform>
            <numerusform>Exportiere %n Bilder nach %1…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>The export to %1 ended without a result.</source>
        <translation>Der Export nach %1 endete ohne Ergebnis.</translation>
    </message>
    <message numerus="yes">
        <source>Training set written to %1: %2 defect and %3 perfect patches from %n image(s).</source>
        <translation>
            <numerusform>Trainingsdatensatz nach %1 geschrieben: %2 defekte und %3 perfekte Patches aus %n Bild.</numerusform>
            <numerusform>Trainingsdatensatz nach %1 geschrieben: %2 defekte und %3 perfekte Patches aus %n Bildern.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 unlabelled patches.</source>
        <translation>%1 Patches ohne Label.</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written to %1.</source>
        <translation>Export abgebrochen: nach %1 wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Could not export the training set to %1: %2</source>
        <translation>Der Trainingsdatensatz konnte nicht nach %1 exportiert werden: %2</translation>
    </message>
    <message>
        <source>Training set folder</source>
        <translation>Ordner für den Trainingsdatensatz</translation>
    </message>
</context>
<context>
    <name>ds::ui::ViewActions</name>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>&amp;In Fenster einpassen</translation>
    </message>
    <message>
        <source>&amp;Actual pixels (1:1)</source>
        <translation>&amp;Originalgröße (1:1)</translation>
    </message>
    <message>
        <source>Show &amp;grid</source>
        <translation>&amp;Raster anzeigen</translation>
    </message>
    <message>
        <source>Show &amp;labels</source>
        <translation>&amp;Labels anzeigen</translation>
    </message>
    <message>
        <source>Show &amp;heat map</source>
        <translation>&amp;Heatmap anzeigen</translation>
    </message>
    <message>
        <source>Colour patches by detector score</source>
        <translation>Patches nach Detektor-Score einfärben</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Find defects in atomic-resolution electron micrographs.</source>
        <translation>Defekte in elektronenmikroskopischen Aufnahmen mit atomarer Auflösung finden.</translation>
    </message>
    <message>
        <source>Open the synthetic graphene demo micrograph.</source>
        <translation>Die synthetische Graphen-Demoaufnahme öffnen.</translation>
    </message>
    <message>
        <source>Open a project or micrograph file.</source>
        <translation>Ein Projekt oder eine Mikroskopaufnahme öffnen.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>OUT.png</source>
        <translation>AUSGABE.png</translation>
    </message>
    <message>
        <source>Run detector ID on the opened image (with --screenshot: before the picture is taken).</source>
        <translation>Detektor ID auf dem geöffneten Bild ausführen (mit --screenshot: bevor das Bild aufgenommen wird).</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Files to open.</source>
        <translation>Zu öffnende Dateien.</translation>
    </message>
    <message>
        <source>Render the window (1600x1000, or --size) once everything has loaded, save it as a PNG and exit.</source>
        <translation>Das Fenster (1600x1000 oder --size) nach dem Laden rendern, als PNG speichern und beenden.</translation>
    </message>
    <message>
        <source>Window size for --screenshot (default 1600x1000).</source>
        <translation>Fenstergröße für --screenshot (Standard 1600x1000).</translation>
    </message>
    <message>
        <source>WxH</source>
        <translation>BxH</translation>
    </message>
    <message>
        <source>With --run: train the detector on the hand labels (out-of-fold scores for the labelled patches) instead of scoring.</source>
        <translation>Mit --run: den Detektor mit den manuellen Labels trainieren (Out-of-Fold-Scores für die markierten Patches), statt nur zu bewerten.</translation>
    </message>
    <message>
        <source>Once everything has loaded and every run finished, save the project to this file and exit (no window is shown).</source>
        <translation>Sobald alles geladen ist und jeder Lauf beendet ist, das Projekt in diese Datei speichern und beenden (es wird kein Fenster gezeigt).</translation>
    </message>
    <message>
        <source>P.dsproj</source>
        <translation>P.dsproj</translation>
    </message>
</context>
</TS>
